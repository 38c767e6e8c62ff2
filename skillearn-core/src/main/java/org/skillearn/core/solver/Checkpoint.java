package org.skillearn.core.solver;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.io.AtomicFiles;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.optim.OptimizerState;
import org.skillearn.core.parameter.ParameterSet;

/**
 * Saves and restores a run's {@link ProgramState} — every parameter set's value, its optimizer
 * state and the step counter — in one binary file written atomically (a temporary file, then a
 * rename), so a crash never leaves a half-written checkpoint. Restoring checks that the file
 * belongs to the program (set names, sizes, buffer counts) and names what does not match.
 *
 * <p>The data sources are not saved: a resumed run rebuilds them from the same seeds and skips
 * {@link ProgramState#step()} batches in each ({@link org.skillearn.core.data.DataSource#skip}).
 */
public final class Checkpoint {

    private static final int MAGIC = 0x534B4C31; // "SKL1"

    private Checkpoint() {
    }

    /** Writes {@code state} of {@code program} to {@code file}, atomically. */
    public static void save(SkillProgram program, ProgramState state, Path file) throws IOException {
        AtomicFiles.write(file, os -> {
            DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(os));
            out.writeInt(MAGIC);
            out.writeLong(state.step());
            List<ParameterSet> sets = program.parameterSets();
            out.writeInt(sets.size());
            for (ParameterSet s : sets) {
                out.writeUTF(s.name());
                write(out, state.value(s));
                OptimizerState o = state.optimizerState(s);
                out.writeLong(o.updates());
                out.writeInt(o.bufferCount());
                for (int i = 0; i < o.bufferCount(); i++) {
                    write(out, o.buffer(i));
                }
            }
            out.flush();
        });
    }

    /**
     * Reads {@code file} into {@code state} (a state initialized for {@code program}); the state is
     * changed only if the whole file reads and matches.
     */
    public static void restore(SkillProgram program, ProgramState state, Path file) throws IOException {
        ProgramState staged = state.copy();
        try (InputStream is = Files.newInputStream(file); DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(is))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + ": not a Skillearn checkpoint (wrong magic number)");
            }
            long step = in.readLong();
            int count = in.readInt();
            List<ParameterSet> sets = program.parameterSets();
            if (count != sets.size()) {
                throw new IOException(file + ": holds " + count + " parameter sets, program '" + program.name() + "' has " + sets.size());
            }
            for (ParameterSet s : sets) {
                String name = in.readUTF();
                if (!name.equals(s.name())) {
                    throw new IOException(file + ": expected parameter set '" + s.name() + "', found '" + name + "'");
                }
                assign(staged.value(s), read(in, file, "parameter set '" + s.name() + "'", s.length()));
                OptimizerState o = staged.optimizerState(s);
                long updates = in.readLong();
                int buffers = in.readInt();
                if (buffers != o.bufferCount()) {
                    throw new IOException(file + ": parameter set '" + s.name() + "' has " + buffers
                            + " optimizer buffers, its optimizer keeps " + o.bufferCount());
                }
                for (int i = 0; i < buffers; i++) {
                    assign(o.buffer(i), read(in, file, "optimizer buffer " + i + " of '" + s.name() + "'", o.buffer(i).length()));
                }
                o.setUpdates(updates);
            }
            staged.setStep(step);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": checkpoint file does not exist", e);
        } catch (EOFException e) {
            throw new IOException(file + ": checkpoint is truncated", e);
        }
        state.assignFrom(staged);
    }

    /** Data type, length, then the values (floats for FLOAT, doubles otherwise). */
    private static void write(DataOutputStream out, INDArray a) throws IOException {
        boolean isFloat = a.dataType() == DataType.FLOAT;
        out.writeBoolean(isFloat);
        out.writeLong(a.length());
        if (a.isEmpty()) {
            return;
        }
        if (isFloat) {
            for (float f : a.toFloatVector()) {
                out.writeFloat(f);
            }
        } else {
            for (double d : a.castTo(DataType.DOUBLE).toDoubleVector()) {
                out.writeDouble(d);
            }
        }
    }

    private static double[] read(DataInputStream in, Path file, String what, long expected) throws IOException {
        boolean isFloat = in.readBoolean();
        long length = in.readLong();
        if (length != expected) {
            throw new IOException(file + ": " + what + " has " + length + " values, expected " + expected);
        }
        double[] v = new double[(int) length];
        for (int i = 0; i < v.length; i++) {
            v[i] = isFloat ? in.readFloat() : in.readDouble();
        }
        return v;
    }

    private static void assign(INDArray target, double[] values) {
        if (values.length > 0) {
            target.assign(Nd4j.createFromArray(values).castTo(target.dataType()).reshape(target.shape()));
        }
    }
}
