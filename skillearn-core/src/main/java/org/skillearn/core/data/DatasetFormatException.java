package org.skillearn.core.data;

/**
 * A dataset file exists but its content is wrong: a bad magic number, a truncated file, an
 * image/label count mismatch, a label out of range, unexpected image dimensions. The message
 * names the file and states what was expected and what was found.
 */
public class DatasetFormatException extends DatasetException {

    private static final long serialVersionUID = 1L;

    /**
     * @param source  the offending file
     * @param problem what was expected and what was found
     */
    public DatasetFormatException(String source, String problem) {
        super(source, problem);
    }

    /**
     * @param source  the offending file
     * @param problem what was expected and what was found
     * @param cause   the underlying I/O error (e.g. a corrupt gzip stream)
     */
    public DatasetFormatException(String source, String problem, Throwable cause) {
        super(source, problem, cause);
    }
}
