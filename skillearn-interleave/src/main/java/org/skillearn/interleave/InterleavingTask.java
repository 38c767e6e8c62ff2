package org.skillearn.interleave;

import org.skillearn.core.data.DataSource;

/**
 * One of the K tasks (learners) of interleaving learning.
 *
 * @param name  the learner's name (e.g. "fine", "coarse", "cifar10")
 * @param train D_k^(tr)
 * @param val   D_k^(val)
 * @param model how its encoder, head and loss are built
 */
public record InterleavingTask<B>(String name, DataSource<B> train, DataSource<B> val, TaskModel<B> model) {

    public InterleavingTask {
        if (name == null || name.isBlank() || train == null || val == null || model == null) {
            throw new IllegalArgumentException("an interleaving task needs a name, training and validation data, and a model");
        }
    }
}
