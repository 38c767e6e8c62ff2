package org.skillearn.examples.cli;

import java.nio.file.Path;
import org.skillearn.examples.dashboard.Dashboard;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The live view's options: where {@code dashboard} listens, and {@code --dashboard} on search and experiment. */
final class DashboardOptions {

    /** The default port of the live view. */
    static final int DEFAULT_PORT = 8080;

    private DashboardOptions() {
    }

    /** A TCP port, 0..65535 (a value outside is a usage error naming the option). */
    static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            int p;
            try {
                p = Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + text + "' is not a port number");
            }
            try {
                return Dashboard.requirePort(p);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code --port} and {@code --host} of {@code skillearn dashboard}. */
    static final class Address {
        @Option(names = "--port", defaultValue = "" + DEFAULT_PORT, converter = Port.class,
                description = "TCP port, 0..65535; 0 takes any free one (default: ${DEFAULT-VALUE})")
        int port;

        @Option(names = "--host", defaultValue = "127.0.0.1",
                description = "address to listen on; 127.0.0.1 keeps the page on this machine, 0.0.0.0 opens it to the network"
                        + " (default: ${DEFAULT-VALUE})")
        String host;
    }

    /** {@code --dashboard [PORT]} of search and experiment: serve the live view of the run's folder while it runs. */
    static final class Live {
        @Option(names = "--dashboard", arity = "0..1", fallbackValue = "" + DEFAULT_PORT, paramLabel = "PORT", converter = Port.class,
                description = "serve the live view at 127.0.0.1:PORT while this runs (default port " + DEFAULT_PORT
                        + "); skillearn dashboard serves it afterwards")
        Integer port;

        /**
         * Starts the live view of {@code folder} if asked for (prints its address), else returns
         * null; closing it prints how to serve the folder afterwards.
         */
        Dashboard start(Path folder) {
            if (port == null) {
                return null;
            }
            Dashboard d = Dashboard.start(folder, "127.0.0.1", port);
            System.err.println("live view: " + d.uri());
            return d.onClose(() -> System.err.println("live view stopped; serve it again with: ./skillearn dashboard " + folder));
        }
    }
}
