/**
 * Datasets as the solver sees them: named minibatch sources ({@link org.skillearn.core.data.DataSource}),
 * plus the real-data loaders (Fashion-MNIST, CIFAR-10/100), the paper's search splits (Section 3.2.1),
 * batching and augmentation.
 */
package org.skillearn.core.data;
