package org.skillearn.core.run;

/**
 * The run needed more native memory than the limit allows
 * ({@link org.skillearn.core.runtime.NativeRuntime}): the message names the limit, where the run
 * stopped, what to lower, and the last committed epoch, which is intact.
 */
public final class NativeMemoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NativeMemoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
