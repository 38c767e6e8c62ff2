package org.skillearn.examples.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import org.skillearn.core.io.AtomicFiles;

/**
 * The output folder of one run. Every file is written atomically (a temporary file in the same
 * folder, then a rename), so an interrupted run never leaves a half-written result; metrics are
 * appended one JSON object per line.
 */
public final class RunDirectory {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper JSON_LINE = new ObjectMapper();

    private final Path root;
    private final Consumer<String> beforeWrite;

    private RunDirectory(Path root, Consumer<String> beforeWrite) {
        this.root = root;
        this.beforeWrite = beforeWrite;
    }

    /** Opens (creating if needed) the folder {@code root}. */
    public static RunDirectory open(Path root) throws IOException {
        return open(root, name -> { });
    }

    /** As {@link #open(Path)}, calling {@code beforeWrite} with a file's name before it is written (tests kill there). */
    public static RunDirectory open(Path root, Consumer<String> beforeWrite) throws IOException {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new IOException(root + ": the output path exists and is not a folder");
        }
        Files.createDirectories(root);
        return new RunDirectory(root, beforeWrite);
    }

    public Path root() {
        return root;
    }

    /** Writes {@code value} as indented JSON to {@code name}, atomically. */
    public void writeJson(String name, Object value) throws IOException {
        writeText(name, JSON.writeValueAsString(value) + "\n");
    }

    /** Writes {@code text} to {@code name}, atomically. */
    public void writeText(String name, String text) throws IOException {
        beforeWrite.accept(name);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(root.resolve(name), out -> out.write(bytes));
    }

    /** Appends {@code value} as one JSON line to {@code name}. */
    public void appendJsonLine(String name, Object value) throws IOException {
        Files.writeString(root.resolve(name), JSON_LINE.writeValueAsString(value) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
