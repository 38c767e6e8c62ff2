package org.skillearn.core.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.skillearn.core.data.DataSource;
import org.skillearn.core.objective.Objective;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterSet;

/**
 * Renders a program as Markdown tables in the form of the paper: one table per learning stage
 * (Tables 3–4), the validation stage (Table 5) and the instantiation summary (Table 6 / 16).
 */
final class ProgramExplainer {

    private static final String NONE = "–";

    private ProgramExplainer() {
    }

    static String explain(SkillProgram p) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(p.name()).append("\n\n");
        int i = 1;
        for (Stage s : p.stages()) {
            md.append("## Learning stage ").append(i++).append(": ").append(s.name()).append("\n\n");
            table(md, List.of(
                    row("Active learners", learners(s.activeLearners())),
                    row("Active learnable parameters", sets(s.active())),
                    row("Supporting learnable parameters", sets(s.supporting())),
                    row("Solutions of earlier stages used", solutions(s.solutionsUsed())),
                    row("Active training datasets", data(s.trainingData())),
                    row("Active auxiliary datasets", data(s.auxiliaryData())),
                    row("Training loss", s.loss().description()),
                    row("Interaction function", interaction(s.interaction(), s.gammaSymbol(), s.gamma())),
                    row("Optimizer", s.optimizer().describe() + (s.steps() > 1 ? ", " + s.steps() + " steps per solver step" : "")),
                    row("Optimization problem", problem(s))));
        }
        ValidationStage v = p.validation();
        md.append("## Validation stage\n\n");
        table(md, List.of(
                row("Active learners", learners(v.activeLearners())),
                row("Remaining learnable parameters", remaining(v.remaining())),
                row("Validation datasets", data(v.validationData())),
                row("Active auxiliary datasets", data(v.auxiliaryData())),
                row("Validation loss", v.loss().description()),
                row("Interaction function", interaction(v.interaction(), v.gammaSymbol(), v.gamma())),
                row("Optimization problem", problem(v))));
        md.append("## Instantiation of Skillearn\n\n");
        List<String> stageLines = new ArrayList<>();
        int k = 1;
        for (Stage s : p.stages()) {
            stageLines.add("stage " + k++ + " (" + s.name() + "): " + problem(s));
        }
        Set<String> interactions = new LinkedHashSet<>();
        for (Stage s : p.stages()) {
            if (s.interaction() != null) {
                interactions.add(s.interaction().description());
            }
        }
        if (v.interaction() != null) {
            interactions.add(v.interaction().description());
        }
        Set<DataSource<?>> allData = new LinkedHashSet<>(p.dataSources());
        table(md, List.of(
                row("Learners", learners(p.learners())),
                row("Learnable parameters", sets(p.parameterSets())),
                row("Interaction function", interactions.isEmpty() ? NONE : String.join("; ", interactions)),
                row("Learning stages", String.join("<br>", stageLines)),
                row("Validation stage", problem(v)),
                row("Datasets", data(allData))));
        return md.toString();
    }

    private static String[] row(String key, String value) {
        return new String[] {key, value};
    }

    private static void table(StringBuilder md, List<String[]> rows) {
        md.append("| Element | Value |\n|---|---|\n");
        for (String[] r : rows) {
            md.append("| ").append(r[0]).append(" | ").append(r[1].replace("|", "\\|")).append(" |\n");
        }
        md.append('\n');
    }

    private static String learners(Collection<Learner> ls) {
        return ls.isEmpty() ? NONE : ls.stream().map(Learner::name).collect(Collectors.joining(", "));
    }

    private static String set(ParameterSet s) {
        return s.symbol() + " (" + s.kind().name().toLowerCase().replace('_', ' ') + " of " + s.owner().name() + ")";
    }

    private static String sets(Collection<ParameterSet> ss) {
        return ss.isEmpty() ? NONE : ss.stream().map(ProgramExplainer::set).collect(Collectors.joining("; "));
    }

    private static String solutions(Collection<ParameterSet> ss) {
        return ss.isEmpty() ? NONE : ss.stream().map(s -> s.symbol() + "*").collect(Collectors.joining(", "));
    }

    private static String remaining(Map<ParameterSet, Direction> r) {
        return r.entrySet().stream().map(e -> set(e.getKey()) + ": " + (e.getValue() == Direction.MIN ? "minimize" : "maximize"))
                .collect(Collectors.joining("; "));
    }

    private static String data(Collection<DataSource<?>> ds) {
        return ds.isEmpty() ? NONE : ds.stream().map(DataSource::name).collect(Collectors.joining(", "));
    }

    private static String interaction(Objective i, String symbol, double gamma) {
        if (i == null) {
            return NONE;
        }
        return symbol == null ? i.description() : i.description() + " (" + symbol + " = " + gamma + ")";
    }

    private static String symbols(Collection<ParameterSet> ss) {
        return ss.stream().map(ParameterSet::symbol).collect(Collectors.joining(", "));
    }

    private static String problem(Stage s) {
        String u = symbols(s.supporting());
        String args = u.isEmpty() ? "" : "(" + u + ")";
        String w = s.active().stream().map(x -> x.symbol() + "*" + args).collect(Collectors.joining(", "));
        return w + " = argmin_{" + symbols(s.active()) + "} " + s.objective().description();
    }

    private static String problem(ValidationStage v) {
        StringBuilder b = new StringBuilder();
        List<ParameterSet> max = new ArrayList<>();
        List<ParameterSet> min = new ArrayList<>();
        v.remaining().forEach((s, d) -> (d == Direction.MAX ? max : min).add(s));
        if (!max.isEmpty()) {
            b.append("max_{").append(symbols(max)).append("} ");
        }
        if (!min.isEmpty()) {
            b.append("min_{").append(symbols(min)).append("} ");
        }
        return b.append(v.objective().description()).toString();
    }
}
