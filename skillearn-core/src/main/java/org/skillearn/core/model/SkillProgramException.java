package org.skillearn.core.model;

/** A skill program that breaks a rule of Section 2.2.2 or is otherwise ill-formed; the message names the sets and stages. */
public class SkillProgramException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public SkillProgramException(String message) {
        super(message);
    }
}
