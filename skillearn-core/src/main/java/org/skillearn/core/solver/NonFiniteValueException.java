package org.skillearn.core.solver;

/** A loss or gradient became NaN or infinite; the message names the stage, parameter set and step. */
public class NonFiniteValueException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public NonFiniteValueException(String message) {
        super(message);
    }

    /** The same condition explained further ({@code message}), caused by {@code cause}. */
    public NonFiniteValueException(String message, NonFiniteValueException cause) {
        super(message, cause);
    }
}
