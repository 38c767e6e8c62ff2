package org.skillearn.examples.cli;

import java.nio.file.Path;
import org.skillearn.examples.dashboard.Dashboard;
import picocli.CommandLine.Option;

/** The live view's options: where {@code dashboard} listens, and {@code --dashboard} on search and experiment. */
final class DashboardOptions {

    /** The default port of the live view. */
    static final int DEFAULT_PORT = 8080;

    private DashboardOptions() {
    }

    /** {@code --port} and {@code --host} of {@code skillearn dashboard}. */
    static final class Address {
        @Option(names = "--port", defaultValue = "" + DEFAULT_PORT, description = "TCP port; 0 takes any free one (default: ${DEFAULT-VALUE})")
        int port;

        @Option(names = "--host", defaultValue = "127.0.0.1",
                description = "address to listen on; 127.0.0.1 keeps the page on this machine, 0.0.0.0 opens it to the network"
                        + " (default: ${DEFAULT-VALUE})")
        String host;
    }

    /** {@code --dashboard [PORT]} of search and experiment: serve the live view of the run's folder while it runs. */
    static final class Live {
        @Option(names = "--dashboard", arity = "0..1", fallbackValue = "" + DEFAULT_PORT, paramLabel = "PORT",
                description = "serve the live view of this run on http://127.0.0.1:PORT/ while it runs (PORT default " + DEFAULT_PORT
                        + "; skillearn dashboard serves it afterwards)")
        Integer port;

        /** Starts the live view of {@code folder} if asked for (prints its address), else returns null. */
        Dashboard start(Path folder) {
            if (port == null) {
                return null;
            }
            Dashboard d = Dashboard.start(folder, "127.0.0.1", port);
            System.err.println("live view: " + d.uri());
            return d;
        }
    }
}
