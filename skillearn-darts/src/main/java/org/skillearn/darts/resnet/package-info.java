/**
 * A ResNet-style image encoder with hand-written backward passes over native ops (a CIFAR 3×3 stem
 * or the ImageNet 7×7 stem with max pool; stages of residual blocks, basic (ResNet-18) or bottleneck
 * (ResNet-50, He et al. 2016) with projection shortcuts; global average pooling), and the two
 * single-layer heads LPT's tester puts on its features: the target-task executor ℓ(E, X, d) and
 * the test creator's selection probability f(d, C, E) (Eq. 12 of the Skillearn paper).
 */
package org.skillearn.darts.resnet;
