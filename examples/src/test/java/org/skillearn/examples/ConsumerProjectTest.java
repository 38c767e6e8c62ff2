package org.skillearn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * README.md's "Using Skillearn from your own Maven project", followed as a new user does (issue 15:
 * the former snippet compiled, then failed at run time with NoAvailableBackendException). Installs
 * the parent, skillearn-bom, skillearn-core and skillearn-native into a private local repository
 * (target/consumer-project/repository, never the user's), pastes the README's xml snippet verbatim
 * into a new project's pom, compiles the README's Java example as printed in an offline build against
 * that repository alone, and runs it in a plain JVM.
 *
 * <p>The nested builds read third-party artifacts from the build's own local repository, served as a
 * file:// repository (Maven 3.8 cannot chain local repositories), so ND4J is copied rather than
 * downloaded; what that repository lacks (on a fresh clone, the install and jar plugins, which
 * {@code mvn test} never runs) comes from Maven Central. Needs {@code mvn} on the PATH.
 */
class ConsumerProjectTest {

    private static final String USING_HEADING = "## Using Skillearn from your own Maven project";
    private static final String EXAMPLE_HEADING = "## Declaring and solving a program";
    /** The modules a consumer of the README's snippet needs; -am adds the parent. */
    private static final List<String> INSTALLED = List.of("skillearn-bom", "skillearn-core", "skillearn-native");
    /** The parent pom's plugin versions (pluginManagement): the offline build uses exactly these. */
    private static final String RESOURCES_PLUGIN = "org.apache.maven.plugins:maven-resources-plugin:3.3.1";
    private static final String COMPILER_PLUGIN = "org.apache.maven.plugins:maven-compiler-plugin:3.13.0";
    private static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1";
    /** Surefire sets these for the tests (root pom.xml); the example runs without them, as a user's would. */
    private static final List<String> TEST_ENVIRONMENT = List.of("OMP_NUM_THREADS", "SD_MAX_THREADS", "SD_MASTER_THREADS");
    private static final int STEPS = 20;

    private final Path examples = Path.of("").toAbsolutePath();   // surefire runs in the module's folder
    private final Path root = examples.getParent();
    private final Path readme = root.resolve("README.md");

    @Test
    void theReadmeSnippetAndExampleBuildAndRunInANewProject() throws Exception {
        String snippet = fencedBlock(Files.readAllLines(readme), USING_HEADING, "xml");
        String example = fencedBlock(Files.readAllLines(readme), EXAMPLE_HEADING, "java");
        Path work = examples.resolve("target/consumer-project");
        deleteTree(work);
        Path repository = work.resolve("repository");
        Path settings = work.resolve("settings.xml");
        Files.createDirectories(work);
        Files.writeString(settings, settings(buildRepository()));
        List<String> maven = List.of("mvn", "-B", "-ntp", "-s", settings.toString(), "-Dmaven.repo.local=" + repository);

        // 1. install, from a copy of the sources so that the running build's target/ folders stay as they are
        Path source = work.resolve("source");
        copySources(source);
        long start = System.nanoTime();
        run("installing " + String.join(",", INSTALLED) + " into " + repository, source, work.resolve("install.log"), 300,
                concat(maven, "install", "-DskipTests", "-pl", String.join(",", INSTALLED), "-am"));
        double installSeconds = (System.nanoTime() - start) / 1e9;

        // 2. the consumer project: its own coordinates, the README's snippet verbatim, the README's file
        Path consumer = work.resolve("consumer");
        Matcher pkg = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;").matcher(example);
        Matcher cls = Pattern.compile("(?m)^public\\s+(?:final\\s+)?class\\s+(\\w+)").matcher(example);
        assertTrue(cls.find(), "README.md: the java block under '" + EXAMPLE_HEADING + "' declares no public class");
        String packageName = pkg.find() ? pkg.group(1) : "";
        String mainClass = packageName.isEmpty() ? cls.group(1) : packageName + "." + cls.group(1);
        Path file = consumer.resolve("src/main/java").resolve(packageName.replace('.', '/')).resolve(cls.group(1) + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, example);
        Files.writeString(consumer.resolve("pom.xml"), consumerPom(snippet));
        run("fetching the plugins of the offline build", consumer, work.resolve("plugins.log"), 180,
                concat(maven, RESOURCES_PLUGIN + ":help", COMPILER_PLUGIN + ":help", DEPENDENCY_PLUGIN + ":help"));

        // 3. offline: everything must come from what step 1 installed and resolved
        start = System.nanoTime();
        run("building the consumer project offline (" + consumer.resolve("pom.xml") + ")", consumer, work.resolve("consumer.log"), 180,
                concat(maven, "-o", "compile", DEPENDENCY_PLUGIN + ":build-classpath",
                        "-Dmdep.outputFile=cp.txt", "-Dmdep.includeScope=runtime"));
        double consumerSeconds = (System.nanoTime() - start) / 1e9;
        String classPath = consumer.resolve("target/classes") + java.io.File.pathSeparator
                + Files.readString(consumer.resolve("cp.txt")).strip();

        // 4. a plain JVM, as the user runs it
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        start = System.nanoTime();
        String output = run("running " + mainClass + " " + STEPS, consumer, work.resolve("run.log"), 300,
                List.of(javaBin.toString(), "-cp", classPath, mainClass, Integer.toString(STEPS)));
        double runSeconds = (System.nanoTime() - start) / 1e9;
        assertTrue(output.contains("step " + STEPS + ": validation loss "),
                "README example ran but printed no validation loss (" + work.resolve("run.log") + "):\n" + output);
        assertFalse(output.contains("No SLF4J providers"), "README snippet leaves SLF4J without a provider:\n" + output);

        long repositoryBytes = size(repository);
        System.out.printf("ConsumerProjectTest: install %.0f s, offline consumer build %.0f s, run %.0f s; private repository %d MB%n",
                installSeconds, consumerSeconds, runSeconds, repositoryBytes >> 20);
        deleteTree(repository);   // ND4J's copies; the logs and the consumer project stay for inspection
        deleteTree(source);
    }

    /**
     * README's example and ReadmeExample.java (run by CommandLineTest) hold the same statements: the
     * README block's main after its {@code int steps} line, the Java file's between its markers.
     */
    @Test
    void theReadmeExampleIsReadmeExampleJava() throws IOException {
        List<String> block = fencedBlock(Files.readAllLines(readme), EXAMPLE_HEADING, "java").lines().toList();
        int steps = indexOf(block, "int steps =", "README.md: the java block under '" + EXAMPLE_HEADING + "' has no 'int steps =' line");
        List<String> body = new ArrayList<>(block.subList(steps + 1, block.size()));
        for (int braces = 0; braces < 2; ) {   // drop the closing braces of main and of the class
            String last = body.remove(body.size() - 1).strip();
            if (!last.isEmpty()) {
                assertEquals("}", last, "README.md: the java block under '" + EXAMPLE_HEADING + "' should end with main's and the class's '}'");
                braces++;
            }
        }
        Path java = examples.resolve("src/main/java/org/skillearn/examples/ReadmeExample.java");
        List<String> lines = Files.readAllLines(java);
        int from = indexOf(lines, "// --- README example starts here", java + ": no '// --- README example starts here' marker");
        int to = indexOf(lines, "// --- README example ends here", java + ": no '// --- README example ends here' marker");
        assertEquals(normalized(lines.subList(from + 1, to)), normalized(body),
                "README.md's example (under '" + EXAMPLE_HEADING + "') and " + java.getFileName() + " differ");
    }

    /** The first fenced block of {@code language} in the section under {@code heading}, up to the next "## ". */
    static String fencedBlock(List<String> lines, String heading, String language) {
        int at = lines.indexOf(heading);
        if (at < 0) {
            fail("README.md has no heading '" + heading + "'");
        }
        for (int i = at + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            if (lines.get(i).strip().equals("```" + language)) {
                StringBuilder block = new StringBuilder();
                for (int j = i + 1; j < lines.size(); j++) {
                    if (lines.get(j).strip().equals("```")) {
                        return block.toString();
                    }
                    block.append(lines.get(j)).append('\n');
                }
                fail("README.md: the ```" + language + " block under '" + heading + "' is not closed");
            }
        }
        return fail("README.md: no ```" + language + " block under '" + heading + "'");
    }

    /**
     * Runs {@code command} in {@code dir} with its output in {@code log}, without the test's thread
     * settings; returns the output, or fails with it when the command fails or outlives {@code seconds}.
     */
    private static String run(String what, Path dir, Path log, int seconds, List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        TEST_ENVIRONMENT.forEach(environment::remove);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return fail(what + ": cannot start '" + command.get(0) + "' (on the PATH?): " + e.getMessage());
        }
        boolean finished = process.waitFor(seconds, TimeUnit.SECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log);
        if (!finished || process.exitValue() != 0) {
            fail(what + (finished ? " failed (exit " + process.exitValue() + ")" : " took over " + seconds + " s")
                    + "\ncommand: " + String.join(" ", command) + "\nin: " + dir + "\noutput (" + log + "), last lines:\n" + tail(output, 80));
        }
        return output;
    }

    /**
     * The root pom, every module's pom (Maven reads all of them even with -pl) and the sources of the
     * installed modules; no target/ folders.
     */
    private void copySources(Path to) throws IOException {
        Files.createDirectories(to);
        Files.copy(root.resolve("pom.xml"), to.resolve("pom.xml"));
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(root.resolve("pom.xml")));
        while (module.find()) {
            String name = module.group(1).strip();
            Files.createDirectories(to.resolve(name));
            Files.copy(root.resolve(name).resolve("pom.xml"), to.resolve(name).resolve("pom.xml"));
            Path src = root.resolve(name).resolve("src");
            if (INSTALLED.contains(name) && Files.isDirectory(src)) {
                try (Stream<Path> files = Files.walk(src)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        Path target = to.resolve(name).resolve(root.resolve(name).relativize(f));
                        if (Files.isDirectory(f)) {
                            Files.createDirectories(target);
                        } else {
                            Files.copy(f, target);
                        }
                    }
                }
            }
        }
    }

    /** The local repository of the running build (surefire's skillearn.localRepository), else ~/.m2/repository. */
    private static Path buildRepository() {
        String configured = System.getProperty("skillearn.localRepository");
        Path repository = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
        assertTrue(Files.isDirectory(repository), "no local Maven repository at " + repository + " (skillearn.localRepository)");
        return repository;
    }

    /**
     * Settings for the nested builds: the build's local repository as a file:// repository ahead of
     * Maven Central, releases only, so that no stale Skillearn snapshot installed there can stand in
     * for the freshly installed ones.
     */
    private static String settings(Path buildRepository) {
        String repository = "<id>build-local</id><url>" + buildRepository.toUri() + "</url>"
                + "<releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></releases>"
                + "<snapshots><enabled>false</enabled></snapshots>";
        return """
                <settings>
                  <profiles>
                    <profile>
                      <id>build-local</id>
                      <repositories><repository>%s</repository></repositories>
                      <pluginRepositories><pluginRepository>%s</pluginRepository></pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>build-local</activeProfile></activeProfiles>
                </settings>
                """.formatted(repository, repository);
    }

    /** A new project with the README's snippet pasted as is; the plugins pinned to the versions fetched. */
    private static String consumerPom(String snippet) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>org.example</groupId>
                  <artifactId>skillearn-consumer</artifactId>
                  <version>1.0</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <build>
                    <plugins>
                      %s
                      %s
                    </plugins>
                  </build>
                <!-- README.md's snippet -->
                %s
                </project>
                """.formatted(plugin(RESOURCES_PLUGIN), plugin(COMPILER_PLUGIN), snippet);
    }

    private static String plugin(String coordinates) {
        String[] gav = coordinates.split(":");
        return "<plugin><groupId>%s</groupId><artifactId>%s</artifactId><version>%s</version></plugin>".formatted(gav[0], gav[1], gav[2]);
    }

    private static int indexOf(List<String> lines, String start, String message) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith(start)) {
                return i;
            }
        }
        return fail(message);
    }

    /** Non-blank lines with runs of whitespace as one space. */
    private static String normalized(List<String> lines) {
        return lines.stream().map(l -> l.strip().replaceAll("\\s+", " ")).filter(l -> !l.isEmpty())
                .collect(Collectors.joining("\n"));
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private static List<String> concat(List<String> a, String... b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(List.of(b));
        return all;
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(f);
                }
            }
        }
    }
}
