package org.skillearn.examples.cli;

import org.skillearn.core.memory.ForkScope;
import org.skillearn.core.runtime.NativeRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code skillearn} command line. */
@Command(name = "skillearn", mixinStandardHelpOptions = true, version = "skillearn 0.1.0",
        description = "Human learning skills as multi-level optimization programs (Skillearn).",
        subcommands = {SearchCommand.class, EvaluateCommand.class, ExplainCommand.class, ExperimentCommand.class,
            DashboardCommand.class})
public final class Skillearn implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its status (for tests). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Skillearn());
        try {
            // the JVM's -Dskillearn.* settings, checked before a command writes a run folder
            NativeRuntime.checkProperties();
            ForkScope.threads();
        } catch (IllegalArgumentException e) {
            cl.getErr().println("skillearn: " + e.getMessage());
            return 2;
        }
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            // an I/O failure inside the run loop arrives wrapped; its message names the file
            Throwable shown = ex instanceof java.io.UncheckedIOException u ? u.getCause() : ex;
            line.getErr().println("skillearn: " + shown.getMessage());
            return 1;
        });
        return cl.execute(args);
    }
}
