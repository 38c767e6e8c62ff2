package org.skillearn.core.data;

import java.io.IOException;
import java.util.Objects;

/**
 * A dataset could not be read: the base of every data-file error in this package.
 *
 * <p>The message always starts with the file or folder concerned, followed by what was
 * wrong, e.g. {@code "/data/train-labels-idx1-ubyte.gz: wrong magic number: expected
 * 0x00000801 (IDX labels), found 0x00000803"}. Throwing one leaves no static state behind,
 * so a caller may report it and carry on.
 */
public class DatasetException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String problem;

    /**
     * @param source  the file or folder (a path, or a classpath resource name)
     * @param problem what was wrong with it
     */
    public DatasetException(String source, String problem) {
        this(source, problem, null);
    }

    /**
     * @param source  the file or folder (a path, or a classpath resource name)
     * @param problem what was wrong with it
     * @param cause   the underlying I/O error, or {@code null}
     */
    public DatasetException(String source, String problem, Throwable cause) {
        super(Objects.requireNonNull(source, "source") + ": " + Objects.requireNonNull(problem, "problem"), cause);
        this.source = source;
        this.problem = problem;
    }

    /** The file or folder the error concerns. */
    public String source() {
        return source;
    }

    /** What was wrong, without the file name. */
    public String problem() {
        return problem;
    }
}
