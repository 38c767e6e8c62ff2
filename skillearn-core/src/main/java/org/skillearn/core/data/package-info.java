/**
 * Datasets as the solver sees them: named minibatch sources ({@link org.skillearn.core.data.DataSource}),
 * plus the real-data loaders (Fashion-MNIST, CIFAR-10/100, folders of image files), the paper's search splits (Section 3.2.1),
 * batching and augmentation.
 *
 * <h2>Loading</h2>
 * <ul>
 *   <li>{@link org.skillearn.core.data.FashionMnist}: IDX files (gzip or raw) from a folder, by default
 *       Debian's {@code dataset-fashion-mnist} ({@code /usr/share/datasets/fashion-mnist}); or the bundled,
 *       stratified subset of the real data (6,000 + 1,000 images) from the classpath, so nothing needs
 *       installing.</li>
 *   <li>{@link org.skillearn.core.data.Cifar10} and {@link org.skillearn.core.data.Cifar100} (coarse and
 *       fine labels): the standard binary record files from a folder the user names.</li>
 *   <li>{@link org.skillearn.core.data.ImageFolder}: JPEG/PNG files in one subfolder per class (with
 *       {@code train/} and {@code val/} folders, or a seeded held-out fraction), decoded, resized by the
 *       shorter side and center-cropped to a square ({@link org.skillearn.core.data.ImageFolderConfig}).</li>
 *   <li>Each gives a {@link org.skillearn.core.data.TrainTest} of in-memory
 *       {@link org.skillearn.core.data.ImageDataset}s (uint8 NCHW pixels, int labels).</li>
 *   <li>Bad input raises a {@link org.skillearn.core.data.DatasetException} (an {@code IOException}):
 *       {@link org.skillearn.core.data.DatasetNotFoundException} for a missing folder or file,
 *       {@link org.skillearn.core.data.DatasetFormatException} for bad content. The message starts with
 *       the file and says what was expected and found. Bad arguments (a batch size of 0, a subset
 *       index out of range) raise {@code IllegalArgumentException}.</li>
 * </ul>
 *
 * <h2>Splitting</h2>
 * {@link org.skillearn.core.data.SearchSplit#of(TrainTest, long)} halves the training set, stratified and
 * seeded, into search-train and search-val; the test set is only for final evaluation.
 *
 * <h2>Batching</h2>
 * {@link org.skillearn.core.data.ImageBatch}es hold NCHW features (FLOAT by default, or DOUBLE), one-hot
 * labels ({@code labels()}) and the class indices ({@code labelIndices()}). Features are normalised per
 * channel with a {@link org.skillearn.core.data.Normalization}: the standard constants of each dataset
 * (computed over its full training set) or {@code Normalization.fromData(...)}.
 * {@link org.skillearn.core.data.ShuffledImageSource} is the endless, seeded source for DARTS-style
 * {@code next()} sampling; {@link org.skillearn.core.data.EpochBatches} is one finite pass for evaluation
 * or epoch-based training. {@link org.skillearn.core.data.AugmentationConfig} adds random crop with
 * padding, horizontal flip and cutout, all drawn from the source's seed.
 */
package org.skillearn.core.data;
