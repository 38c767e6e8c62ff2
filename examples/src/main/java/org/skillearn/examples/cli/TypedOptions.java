package org.skillearn.examples.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.skillearn.core.solver.HypergradientSpec;
import org.skillearn.darts.search.NasMethod;
import org.skillearn.examples.programs.DatasetChoice;
import org.skillearn.examples.programs.EncoderChoice;
import org.skillearn.examples.programs.Method;
import org.skillearn.examples.programs.ModelChoice;
import org.skillearn.lpt.LptAblation;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Picocli conversions of the command line's enumerated options (methods, datasets, models, encoders, LPT ablations)
 * by their command-line names, and those names for the help ({@code ${COMPLETION-CANDIDATES}}).
 */
final class TypedOptions {

    private TypedOptions() {
    }

    /** An enum's command-line names, for the help's {@code ${COMPLETION-CANDIDATES}}. */
    private abstract static class Names implements Iterable<String> {
        private final List<String> names;

        Names(Stream<String> names) {
            this.names = names.toList();
        }

        @Override
        public Iterator<String> iterator() {
            return names.iterator();
        }
    }

    /** A converter through an enum's own parser, whose error names the accepted values. */
    private abstract static class Parsed<E> implements ITypeConverter<E> {
        private final Function<String, E> parse;

        Parsed(Function<String, E> parse) {
            this.parse = parse;
        }

        @Override
        public E convert(String value) {
            try {
                return parse.apply(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class MethodConverter extends Parsed<Method> {
        MethodConverter() {
            super(Method::parse);
        }
    }

    static final class DatasetConverter extends Parsed<DatasetChoice> {
        DatasetConverter() {
            super(DatasetChoice::parse);
        }
    }

    static final class HypergradientConverter extends Parsed<HypergradientSpec> {
        HypergradientConverter() {
            super(HypergradientSpec::parse);
        }
    }

    /** The help text of {@code --hypergradient}, shared by search and experiment. */
    static final String HYPERGRADIENT_HELP = "second order: unroll (Algorithm 1's one-step unroll; default), unroll:T (reverse"
            + " mode through T look-ahead steps), neumann[:K[:α]] (implicit, Neumann series α Σ_{j=0..K} (I − αH)^j v: K Hessian-vector products, scale α; default 5, 0.01)"
            + " or cg[:K[:δ]] (implicit, K conjugate-gradient iterations, damping δ; default 5, 0)";

    /** The help text of {@code --inner-steps}. */
    static final String INNER_STEPS_HELP = "real steps every learning stage takes per solver step, each on a fresh batch;"
            + " implicit hypergradients assume stages near convergence (default: ${DEFAULT-VALUE})";

    static final class ModelConverter extends Parsed<ModelChoice> {
        ModelConverter() {
            super(ModelChoice::parse);
        }
    }

    static final class EncoderConverter extends Parsed<EncoderChoice> {
        EncoderConverter() {
            super(EncoderChoice::parse);
        }
    }

    static final class ModelNames extends Names {
        ModelNames() {
            super(Arrays.stream(ModelChoice.values()).map(ModelChoice::cliName));
        }
    }

    static final class EncoderNames extends Names {
        EncoderNames() {
            super(Arrays.stream(EncoderChoice.values()).map(EncoderChoice::cliName));
        }
    }

    static final class AblationConverter extends Parsed<LptAblation> {
        AblationConverter() {
            super(LptAblation::parse);
        }
    }

    static final class MethodNames extends Names {
        MethodNames() {
            super(Arrays.stream(Method.values()).map(Method::cliName));
        }
    }

    static final class DatasetNames extends Names {
        DatasetNames() {
            super(Arrays.stream(DatasetChoice.values()).map(DatasetChoice::cliName));
        }
    }

    static final class AblationNames extends Names {
        AblationNames() {
            super(Arrays.stream(LptAblation.values()).map(LptAblation::cliName));
        }
    }

    static final class NasConverter extends Parsed<NasMethod> {
        NasConverter() {
            super(NasMethod::parse);
        }
    }

    /** {@code --nas} as its text, checked: {@code pdarts:L1,L2,L3} keeps its stage depths. */
    static final class NasTextConverter extends Parsed<String> {
        NasTextConverter() {
            super(s -> {
                NasMethod.parse(s);
                return s;
            });
        }
    }

    static final class NasNames extends Names {
        NasNames() {
            super(Arrays.stream(NasMethod.values()).map(NasMethod::cliName));
        }
    }

    /** The help text of {@code --nas}, shared by search, experiment and explain. */
    static final String NAS_HELP = "the NAS method on the supernet (--model darts), one of ${COMPLETION-CANDIDATES}: darts;"
            + " darts-minus, DARTS- (an auxiliary skip on every edge, its weight decaying 1 -> 0 over the epochs); darts-plus,"
            + " DARTS+ (stops once the normal cell holds 2 skip connections or the alpha ranking has held 10 epochs);"
            + " pdarts or pdarts:L1,L2,L3, P-DARTS (three stages of 5, 11, 17 cells, each --epochs long, edges cut to 5 then 3"
            + " operations, dropout on skip connections, at most 2 skips in the final normal cell) (default: ${DEFAULT-VALUE})";
}
