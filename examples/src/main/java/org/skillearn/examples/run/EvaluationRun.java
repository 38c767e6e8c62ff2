package org.skillearn.examples.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.skillearn.core.data.BatchConfig;
import org.skillearn.core.data.ImageDataset;
import org.skillearn.core.data.TrainTest;
import org.skillearn.core.run.RunFolder;
import org.skillearn.darts.evaluation.EvaluationNetwork;
import org.skillearn.darts.evaluation.EvaluationNetworkConfig;
import org.skillearn.darts.evaluation.GenotypeTraining;
import org.skillearn.darts.genotype.Genotype;
import org.skillearn.darts.genotype.GenotypeJson;
import org.skillearn.darts.genotype.RandomGenotypes;
import org.skillearn.examples.figures.CellDrawing;
import org.skillearn.examples.programs.DatasetChoice;
import org.skillearn.examples.programs.ImageTask;
import org.skillearn.examples.programs.SupernetDarts;

/**
 * Trains the network of a genotype from scratch on the full training set of one task and tests it
 * (DARTS' evaluation; interleaving learning evaluates each task separately), in a run folder: {@value SearchRun#CONFIG} (options, genotype, parameter
 * count), {@value SearchRun#METRICS} (one JSON object per epoch: loss, accuracies, time) and
 * {@value SearchRun#RESULT} (test accuracy and error, parameters, time), all written atomically.
 */
public final class EvaluationRun {

    /** The {@code --genotype} form of the random-architecture control: {@code random} or {@code random:S}. */
    public static final String RANDOM = "random";

    private EvaluationRun() {
    }

    /**
     * The genotype {@code source} names: a search run folder (its {@value SupernetDarts#GENOTYPE_FILE}),
     * a genotype JSON file, a file holding the DARTS text, the DARTS text itself, or {@code random:S},
     * a genotype drawn uniformly from the DARTS space with seed S ({@link RandomGenotypes}, the
     * random-architecture control).
     */
    public static Genotype resolveGenotype(String source) throws IOException {
        return resolveGenotype(source, null);
    }

    /**
     * As {@link #resolveGenotype(String)}; {@code random} without a seed takes {@code seed}.
     *
     * @throws IOException naming the source if it is none of the accepted forms
     */
    public static Genotype resolveGenotype(String source, Long seed) throws IOException {
        String s = source.trim();
        if (s.equals(RANDOM) || s.startsWith(RANDOM + ":")) {
            String given = s.equals(RANDOM) ? null : s.substring(RANDOM.length() + 1);
            if (given == null && seed == null) {
                throw new IOException("--genotype random needs a seed: random:S");
            }
            try {
                return RandomGenotypes.sample(given == null ? seed : Long.parseLong(given));
            } catch (NumberFormatException e) {
                throw new IOException("--genotype " + source + ": the seed of random:S must be a whole number, got '" + given + "'", e);
            }
        }
        if (s.startsWith("Genotype(")) {
            return parse(s, "--genotype");
        }
        Path p = Path.of(s);
        if (Files.isDirectory(p)) {
            p = p.resolve(SupernetDarts.GENOTYPE_FILE);
            if (!Files.isRegularFile(p)) {
                throw new IOException(p + ": the folder given to --genotype has no " + SupernetDarts.GENOTYPE_FILE
                        + " (is it a finished darts search?)");
            }
        }
        if (!Files.isRegularFile(p)) {
            throw new IOException("--genotype " + source + ": no such file or folder, and not a genotype text"
                    + " (expected Genotype(normal=[...], normal_concat=[...], reduce=[...], reduce_concat=[...]))");
        }
        String text = Files.readString(p).trim();
        if (text.startsWith("{")) {
            try {
                return GenotypeJson.fromJson(text);
            } catch (RuntimeException e) {
                throw new IOException(p + ": not a genotype JSON file: " + e.getMessage(), e);
            }
        }
        return parse(text, p.toString());
    }

    private static Genotype parse(String text, String where) throws IOException {
        try {
            return Genotype.parse(text);
        } catch (RuntimeException e) {
            throw new IOException(where + ": not a genotype: " + e.getMessage(), e);
        }
    }

    /** Runs the evaluation in {@code dir}; returns the result written to {@value SearchRun#RESULT}. */
    public static Map<String, Object> run(EvaluationOptions o, Path dir, GenotypeTraining.Listener listener) throws IOException {
        List<String> held = RunFolder.heldRunFiles(dir);
        if (!held.isEmpty()) {
            throw new IOException(dir + ": already holds a run (" + String.join(", ", held) + "); choose another --out");
        }
        Genotype genotype = resolveGenotype(o.genotype(), o.training().seed());
        DatasetChoice d = DatasetChoice.parse(o.dataset());
        ImageTask task = ImageTask.parse(o.task(), "--task");
        TrainTest data = task.load(d, o.dataDir(), o.folder());
        ImageDataset train = data.train();
        if (o.trainImages() > 0) {
            train = train.first(o.trainImages());
        }
        if (train.height() != train.width()) {
            throw new IllegalArgumentException("the evaluation network needs square images, got " + train.height() + "x"
                    + train.width());
        }
        EvaluationNetworkConfig netConfig = new EvaluationNetworkConfig(o.channels(), o.layers(), train.channels(),
                train.numClasses(), 3, o.auxiliary(), o.networkKind());
        EvaluationNetwork net = new EvaluationNetwork(netConfig, genotype, train.height());
        GenotypeTraining training = new GenotypeTraining(net, o.training(), BatchConfig.of(o.training().batchSize(),
                task.dataset(d).normalization()));

        RunDirectory run = RunDirectory.open(dir);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("options", o.toMap());
        config.put("genotype", genotype.toString());
        config.put("network", o.networkKind().cliName());
        config.put("classes", train.numClasses());
        if (d == DatasetChoice.FOLDER) {
            config.put("class_names", train.classNames());
            config.put("image_side", train.height());
        }
        config.put("train_images", train.size());
        config.put("test_images", data.test().size());
        config.put("parameters", net.testParameterCount());
        config.put("java", System.getProperty("java.version"));
        config.put("backend", org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getSimpleName());
        config.put("versions", Environment.versions());
        run.writeJson(SearchRun.CONFIG, config);
        run.writeText(CellDrawing.FILE, CellDrawing.svg(genotype));
        run.writeText(SearchRun.METRICS, "");
        GenotypeTraining.Result r = training.run(train, data.test(), o.testEvery(), new GenotypeTraining.Listener() {
            @Override
            public void step(int epoch, long step, long stepsPerEpoch, double loss) {
                listener.step(epoch, step, stepsPerEpoch, loss);
            }

            @Override
            public void epoch(GenotypeTraining.Epoch e) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("epoch", e.epoch());
                m.put("seconds", e.seconds());
                m.put("learning_rate", e.learningRate());
                m.put("drop_path", e.dropPath());
                m.put("train_loss", e.trainLoss());
                m.put("train_accuracy", e.trainAccuracy());
                if (!Double.isNaN(e.testAccuracy())) {
                    m.put("test_accuracy", e.testAccuracy());
                }
                try {
                    run.appendJsonLine(SearchRun.METRICS, m);
                } catch (IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
                listener.epoch(e);
            }
        });
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("task", o.task());
        result.put("test_accuracy", r.testAccuracy());
        result.put("test_error", 1 - r.testAccuracy());
        result.put("parameters", r.parameters());
        result.put("train_seconds", r.trainSeconds());
        result.put("epochs", o.training().epochs());
        result.put("genotype", genotype.toString());
        run.writeJson(SearchRun.RESULT, result);
        return result;
    }
}
