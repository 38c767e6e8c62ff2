package org.skillearn.examples.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.examples.cli.Skillearn;
import picocli.CommandLine.Command;

/**
 * The software and machine a run executes on, for its records ({@code config.json} of every run
 * folder, {@code record.json} of an experiment's runs). The git commit is the one the jar was
 * built from ({@value #GIT_PROPERTIES}, written by git-commit-id-maven-plugin at build time;
 * "unknown" when built outside a git checkout).
 */
public final class Environment {

    /** The build's git properties in the jar. */
    static final String GIT_PROPERTIES = "skillearn-git.properties";

    private Environment() {
    }

    /** Versions of Skillearn (and the git commit it was built from), Java, ND4J and the operating system. */
    public static Map<String, Object> versions() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("skillearn", Skillearn.class.getAnnotation(Command.class).version()[0].replace("skillearn ", ""));
        Properties git = resource(Environment.class, "/" + GIT_PROPERTIES);
        m.put("git_commit", git.getProperty("git.commit.id", "unknown"));
        m.put("git_dirty", Boolean.parseBoolean(git.getProperty("git.dirty", "false")));
        m.put("java", System.getProperty("java.version"));
        m.put("java_vendor", System.getProperty("java.vendor"));
        m.put("java_vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        m.put("nd4j", nd4jVersion());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        return m;
    }

    /** ND4J's backend and its thread limit. */
    public static Map<String, Object> backend() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backend", Nd4j.getBackend().getClass().getSimpleName());
        m.put("nd4j_max_threads", Nd4j.getEnvironment().maxThreads());
        m.put("omp_num_threads_env", System.getenv("OMP_NUM_THREADS"));
        return m;
    }

    /** Processors and CPU model of this host. */
    public static Map<String, Object> host() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("cpu_model", cpuModel());
        m.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
        return m;
    }

    /** The properties file {@code name} on the class path of {@code anchor}, empty if it is missing or unreadable. */
    private static Properties resource(Class<?> anchor, String name) {
        Properties p = new Properties();
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // no such information: the callers' defaults
        }
        return p;
    }

    private static String nd4jVersion() {
        String v = resource(Nd4j.class, "/META-INF/maven/org.nd4j/nd4j-api/pom.properties").getProperty("version");
        if (v == null) {
            v = Nd4j.class.getPackage().getImplementationVersion();
        }
        return v == null ? "unknown" : v;
    }

    private static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        try {
            if (Files.isReadable(cpuinfo)) {
                for (String line : Files.readAllLines(cpuinfo)) {
                    if (line.startsWith("model name")) {
                        return line.substring(line.indexOf(':') + 1).trim();
                    }
                }
            }
        } catch (IOException e) {
            // not on Linux, or not readable
        }
        return "unknown";
    }
}
