/**
 * A ResNet-style image encoder with hand-written backward passes over native ops (3×3 stem,
 * BasicBlocks with projection shortcuts, global average pooling), and the two single-layer heads
 * LPT's tester puts on its features: the target-task executor ℓ(E, X, d) and the test creator's
 * selection probability f(d, C, E) (Eq. 12 of the Skillearn paper).
 */
package org.skillearn.darts.resnet;
