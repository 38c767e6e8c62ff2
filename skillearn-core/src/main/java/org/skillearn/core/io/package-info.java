/** File output that never leaves a half-written result: atomic replace of checkpoints and records. */
package org.skillearn.core.io;
