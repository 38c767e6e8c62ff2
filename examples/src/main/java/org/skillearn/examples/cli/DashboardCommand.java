package org.skillearn.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.skillearn.examples.dashboard.Dashboard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code skillearn dashboard RUNS_DIR}: serves the live view of the runs under a folder until interrupted. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Serve a web page that shows the runs under RUNS_DIR (a run, an experiment, a folder of runs) while they"
                + " progress: losses per step and epoch, α over epochs, the genotype's cells, the skills' metrics. Ctrl-C stops it.")
final class DashboardCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUNS_DIR", description = "the folder to watch (it may not hold a run yet)")
    Path folder;

    @Mixin
    DashboardOptions.Address address;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new ParameterException(spec.commandLine(), "RUNS_DIR " + folder + " is a file; expected a folder");
        }
        Dashboard d = Dashboard.start(folder, address.host, address.port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            d.close();
            stopped.countDown();
        }));
        System.out.println("dashboard of " + folder.toAbsolutePath() + ": " + d.uri() + " (Ctrl-C stops it)");
        if (!Files.exists(folder)) {
            System.err.println("note: " + folder.toAbsolutePath() + " does not exist yet; runs written there will appear");
        }
        stopped.await();
        return 0;
    }
}
