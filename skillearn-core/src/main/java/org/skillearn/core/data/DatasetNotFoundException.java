package org.skillearn.core.data;

/**
 * A dataset folder or one of its files does not exist. The message names the missing path and,
 * where one applies, how to get the data (e.g. install Debian's {@code dataset-fashion-mnist}).
 */
public class DatasetNotFoundException extends DatasetException {

    private static final long serialVersionUID = 1L;

    /**
     * @param source  the missing file or folder
     * @param problem what is missing and how to obtain it
     */
    public DatasetNotFoundException(String source, String problem) {
        super(source, problem);
    }
}
