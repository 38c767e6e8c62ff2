package org.skillearn.examples.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.skillearn.core.data.BatchConfig;
import org.skillearn.core.data.SearchSplit;
import org.skillearn.core.data.TrainTest;
import org.skillearn.darts.search.NasMethod;
import org.skillearn.examples.programs.DatasetChoice;
import org.skillearn.examples.programs.EncoderChoice;
import org.skillearn.examples.programs.IlTasks;
import org.skillearn.examples.programs.Method;
import org.skillearn.examples.programs.ModelChoice;
import org.skillearn.examples.programs.SearchProgram;
import org.skillearn.examples.programs.SearchSetup;
import org.skillearn.examples.programs.TaskData;
import org.skillearn.examples.run.SearchOptions;
import org.skillearn.lpt.LptAblation;
import org.skillearn.lpt.LptConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code skillearn explain}: prints a method's program as the paper's stage tables. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Print a method's stage tables (the paper's Tables 3-6 and 16) as Markdown.")
final class ExplainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--method", defaultValue = "lpt", converter = TypedOptions.MethodConverter.class,
            completionCandidates = TypedOptions.MethodNames.class, description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Method method;

    @Option(names = "--model", defaultValue = "linear", converter = TypedOptions.ModelConverter.class,
            completionCandidates = TypedOptions.ModelNames.class,
            description = "learners: ${COMPLETION-CANDIDATES} (darts: the DARTS supernet; LPT's tester a ResNet) (default: ${DEFAULT-VALUE})")
    ModelChoice model;

    @Option(names = "--nas", defaultValue = "darts", converter = TypedOptions.NasConverter.class,
            completionCandidates = TypedOptions.NasNames.class, description = TypedOptions.NAS_HELP)
    NasMethod nas;

    @Option(names = "--encoder", defaultValue = "auto", converter = TypedOptions.EncoderConverter.class,
            completionCandidates = TypedOptions.EncoderNames.class,
            description = "LPT on the darts model: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    EncoderChoice encoder;

    @Option(names = "--ablation", defaultValue = "none", converter = TypedOptions.AblationConverter.class,
            completionCandidates = TypedOptions.AblationNames.class, description = "LPT: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    LptAblation ablation;

    @Option(names = "--rounds", defaultValue = "2", description = "IL: rounds M (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--tasks", defaultValue = "fine,coarse", description = "IL and MTL: the learners' tasks in hand-over order,"
            + " fine and coarse (explain builds the program on the bundled Fashion-MNIST subset) (default: ${DEFAULT-VALUE})")
    String tasks;

    @Override
    public Integer call() throws Exception {
        if (nas != NasMethod.DARTS && model != ModelChoice.DARTS) {
            throw new ParameterException(spec.commandLine(), "--nas " + nas.cliName() + " needs --model darts: the "
                    + model.cliName() + " model has no supernet for a NAS method to change");
        }
        if (!method.hasProgram()) {
            System.out.println("random: no program and no stages. It draws a genotype uniformly from the DARTS space with the"
                    + " run's seed (two distinct inputs per node, each with one of the seven non-none operations; Li and"
                    + " Talwalkar 2019) and writes it for evaluation: the control of a NAS comparison.");
            return 0;
        }
        TrainTest data = DatasetChoice.FASHION_MNIST.load(null);
        SearchSetup setup = SearchSetup.of(SearchSplit.of(data, 0), BatchConfig.of(64,
                DatasetChoice.FASHION_MNIST.normalization()), 1, 0);
        LptConfig lpt = LptConfig.defaults().withAblation(ablation);
        Method m = method;
        List<TaskData> learnerTasks = List.of();
        if (m.hasTasks()) {
            IlTasks t = IlTasks.parse(tasks);
            t.requireDataset(DatasetChoice.FASHION_MNIST.cliName());
            learnerTasks = t.data(DatasetChoice.FASHION_MNIST, setup.split(), null, 0);
        }
        SearchProgram program = model == ModelChoice.DARTS
                ? m.darts(setup, lpt, rounds, 1.0, learnerTasks, SearchOptions.DEFAULT_CHANNELS, SearchOptions.DEFAULT_LAYERS,
                        encoder.cliName(), nas)
                : m.linear(setup, lpt, rounds, 1.0, learnerTasks);
        System.out.print(program.program().explain());
        if (model == ModelChoice.DARTS) {
            System.out.printf("%nNAS method: %s. %s%n", nas.cliName(), nas.description());
        }
        return 0;
    }
}
