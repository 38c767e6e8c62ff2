package org.skillearn.examples.cli;

import java.nio.file.Path;
import org.skillearn.core.run.RunFolder;

/** The default output folder of a command: one that holds no run, so a default never clobbers one. */
final class FreeFolder {

    private FreeFolder() {
    }

    /** {@code parent/name}, or the first {@code parent/name-N} (N = 2, 3, …) that holds no run file. */
    static Path under(String parent, String name) {
        Path p = Path.of(parent, name);
        for (int n = 2; !RunFolder.heldRunFiles(p).isEmpty(); n++) {
            p = Path.of(parent, name + "-" + n);
        }
        return p;
    }
}
