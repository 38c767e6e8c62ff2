package org.skillearn.core;

import static org.nd4j.linalg.ops.transforms.Transforms.exp;
import static org.nd4j.linalg.ops.transforms.Transforms.log;
import static org.nd4j.linalg.ops.transforms.Transforms.sigmoid;
import static org.nd4j.linalg.ops.transforms.Transforms.tanh;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.data.DataSource;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.objective.AnalyticObjective;
import org.skillearn.core.objective.Objective;
import org.skillearn.core.objective.SameDiffObjective;
import org.skillearn.core.optim.Adam;
import org.skillearn.core.optim.LearningRate;
import org.skillearn.core.optim.Sgd;
import org.skillearn.core.parameter.Initializer;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterKind;
import org.skillearn.core.parameter.ParameterSet;

/**
 * Small float64 programs whose hypergradients are checked against brute force, each built with
 * plain-Java objectives (analytic gradients) or with SameDiff objectives of the same functions.
 */
public final class TestPrograms {

    private TestPrograms() {
    }

    /** A program plus its sets by name. */
    public record Problem(SkillProgram program, Map<String, ParameterSet> sets) {
    }

    static ParameterSet column(Learner l, String name, ParameterKind kind, long d, Initializer init) {
        return l.parameters(name, kind).tensor(name, d, 1).init(init).build();
    }

    // ---------------------------------------------------------------- (a) bilevel ridge regression

    /**
     * Bilevel ridge regression: stage "fit" learns w on the training set under per-feature
     * regularization exp(ρ); the validation stage learns ρ on the validation set.
     * L1 = (1/n)‖Xw − y‖² + Σ exp(ρ_j) w_j², F = (1/m)‖X_v w − y_v‖².
     */
    /** The data of {@link #ridge}: training X (n×d), y (n×1); validation X_v (m×d), y_v (m×1). */
    public record RidgeData(INDArray x, INDArray y, INDArray xv, INDArray yv) {
    }

    /** The fixed float64 data {@link #ridge} uses (n = 12, m = 10, d = 4). */
    public static RidgeData ridgeData() {
        int n = 12;
        int m = 10;
        int d = 4;
        INDArray x = TestData.normal(1, 1, n, d);
        INDArray trueW = TestData.normal(2, 1, d, 1);
        INDArray y = x.mmul(trueW).addi(TestData.normal(3, 0.5, n, 1));
        INDArray xv = TestData.normal(4, 1, m, d);
        INDArray yv = xv.mmul(trueW).addi(TestData.normal(5, 0.5, m, 1));
        return new RidgeData(x, y, xv, yv);
    }

    public static Problem ridge(boolean sameDiff) {
        return ridge(sameDiff, false);
    }

    /**
     * {@link #ridge}, the plain-Java variant optionally with exact second derivatives of the fit
     * objective ({@link AnalyticObjective#withSecondDerivatives}): H_ww u = 2(XᵀX/n)u + 2e^ρ⊙u,
     * H_wρ u_ρ = 2e^ρ⊙w⊙u_ρ, H_ρρ u_ρ = e^ρ⊙w²⊙u_ρ.
     */
    public static Problem ridge(boolean sameDiff, boolean exactSecondDerivatives) {
        RidgeData data = ridgeData();
        INDArray x = data.x();
        INDArray y = data.y();
        INDArray xv = data.xv();
        INDArray yv = data.yv();
        int n = (int) x.rows();
        int m = (int) xv.rows();
        int d = (int) x.columns();
        DataSource<INDArray[]> train = DataSource.fixed("train", new INDArray[] {x, y});
        DataSource<INDArray[]> val = DataSource.fixed("val", new INDArray[] {xv, yv});

        Learner model = Learner.named("regressor");
        ParameterSet w = column(model, "w", ParameterKind.WEIGHTS, d, Initializer.normal(0.3));
        ParameterSet rho = column(model, "rho", ParameterKind.HYPERPARAMETERS, d, Initializer.constant(-1));
        Objective fit;
        Objective valLoss;
        if (!sameDiff) {
            fit = AnalyticObjective.of("(1/n)‖Xw − y‖² + Σ exp(ρ)w²", List.of(w, rho), (p, b) -> {
                INDArray[] xy = b.get(train);
                INDArray wv = p.tensor(w, "w");
                INDArray er = exp(p.tensor(rho, "rho"), true);
                INDArray r = xy[0].mmul(wv).subi(xy[1]);
                double value = r.mul(r).sumNumber().doubleValue() / n + er.mul(wv).mul(wv).sumNumber().doubleValue();
                INDArray gw = xy[0].transpose().mmul(r).muli(2.0 / n).addi(er.mul(wv).muli(2));
                INDArray grho = er.mul(wv).muli(wv);
                return new AnalyticObjective.Result(value, Map.of(w, gw, rho, grho));
            });
            if (exactSecondDerivatives) {
                fit = ((AnalyticObjective) fit).withSecondDerivatives((p, b, dir) -> {
                    INDArray[] xy = b.get(train);
                    INDArray wv = p.tensor(w, "w");
                    INDArray er = exp(p.tensor(rho, "rho"), true);
                    INDArray uw = dir.containsKey(w) ? dir.get(w).reshape(d, 1) : Nd4j.zeros(DataType.DOUBLE, d, 1);
                    INDArray ur = dir.containsKey(rho) ? dir.get(rho).reshape(d, 1) : Nd4j.zeros(DataType.DOUBLE, d, 1);
                    INDArray hw = xy[0].transpose().mmul(xy[0].mmul(uw)).muli(2.0 / n).addi(er.mul(uw).muli(2))
                            .addi(er.mul(wv).muli(ur).muli(2));
                    INDArray hr = er.mul(wv).muli(uw).muli(2).addi(er.mul(wv).muli(wv).muli(ur));
                    return Map.of(w, hw, rho, hr);
                });
            }
            valLoss = AnalyticObjective.of("(1/m)‖X_v w − y_v‖²", List.of(w), (p, b) -> {
                INDArray[] xy = b.get(val);
                INDArray r = xy[0].mmul(p.tensor(w, "w")).subi(xy[1]);
                return new AnalyticObjective.Result(r.mul(r).sumNumber().doubleValue() / m,
                        Map.of(w, xy[0].transpose().mmul(r).muli(2.0 / m)));
            });
        } else {
            SameDiff g1 = SameDiff.create();
            SDVariable gx = g1.placeHolder("x", DataType.DOUBLE, -1, d);
            SDVariable gy = g1.placeHolder("y", DataType.DOUBLE, -1, 1);
            SDVariable gw = g1.var("w", Nd4j.zeros(DataType.DOUBLE, d, 1));
            SDVariable grho = g1.var("rho", Nd4j.zeros(DataType.DOUBLE, d, 1));
            SDVariable res = gx.mmul(gw).sub(gy);
            res.mul(res).mean().add(g1.math.exp(grho).mul(gw).mul(gw).sum()).rename("loss");
            fit = SameDiffObjective.builder(g1, "loss").parameter(w, "w").parameter(rho, "rho")
                    .input(train, b -> Map.of("x", b[0], "y", b[1])).description("(1/n)‖Xw − y‖² + Σ exp(ρ)w²").build();
            SameDiff g2 = SameDiff.create();
            SDVariable vx = g2.placeHolder("x", DataType.DOUBLE, -1, d);
            SDVariable vy = g2.placeHolder("y", DataType.DOUBLE, -1, 1);
            SDVariable vw = g2.var("w", Nd4j.zeros(DataType.DOUBLE, d, 1));
            SDVariable vr = vx.mmul(vw).sub(vy);
            vr.mul(vr).mean().rename("loss");
            valLoss = SameDiffObjective.builder(g2, "loss").parameter(w, "w")
                    .input(val, b -> Map.of("x", b[0], "y", b[1])).description("(1/m)‖X_v w − y_v‖²").build();
        }
        Objective fitObjective = fit;
        SkillProgram p = SkillProgram.builder("bilevel ridge")
                .stage("fit", s -> s.active(w).supporting(rho).loss(fitObjective).trainingData(train)
                        .optimizer(new Sgd(LearningRate.constant(0.05), 0.9, 0.01, 0)))
                .validation(v -> v.minimize(rho, Adam.of(0.01)).loss(valLoss).validationData(val))
                .build();
        return new Problem(p, Map.of("w", w, "rho", rho));
    }

    // ---------------------------------------------------------------- (b) three-stage chain

    /**
     * Three stages; stage 2 reads W'_1, stage 3 reads W'_1 and W'_2, and the validation stage
     * reads W'_3 and W'_1. Stage optimizers: SGD with momentum and weight decay, Adam, plain SGD.
     * <ul>
     *   <li>L1 = mean log(1 + exp(−y ⊙ X1 w1)) + ½ Σ exp(a) w1²</li>
     *   <li>L2 = (1/n)‖X2 w2 − tanh(X2 w1)‖² + ½ softplus(b) ‖w2‖²</li>
     *   <li>L3 = (1/n)‖X3 w3 − (X3 w1) ⊙ (X3 w2)‖² + ½ Σ c w3²</li>
     *   <li>F = (1/m)‖Xv w3 − yv‖² + 0.1 (1/m)‖Xv w1 − yv‖²</li>
     * </ul>
     */
    public static Problem chain(boolean sameDiff) {
        int n = 10;
        int m = 8;
        int d = 3;
        INDArray x1 = TestData.normal(11, 1, n, d);
        INDArray y1 = TestData.signs(12, n);
        INDArray x2 = TestData.normal(13, 1, n, d);
        INDArray x3 = TestData.normal(14, 1, n, d);
        INDArray xv = TestData.normal(15, 1, m, d);
        INDArray yv = TestData.normal(16, 1, m, 1);

        Learner first = Learner.named("first");
        Learner second = Learner.named("second");
        Learner third = Learner.named("third");
        ParameterSet w1 = column(first, "w1", ParameterKind.WEIGHTS, d, Initializer.normal(0.5));
        ParameterSet a = column(first, "a", ParameterKind.HYPERPARAMETERS, d, Initializer.normal(0.3));
        ParameterSet w2 = column(second, "w2", ParameterKind.WEIGHTS, d, Initializer.normal(0.5));
        ParameterSet b = second.parameters("b", ParameterKind.HYPERPARAMETERS).tensor("b", 1, 1).init(Initializer.constant(0.2)).build();
        ParameterSet w3 = column(third, "w3", ParameterKind.WEIGHTS, d, Initializer.normal(0.5));
        ParameterSet c = column(third, "c", ParameterKind.HYPERPARAMETERS, d, Initializer.constant(0.5));

        Objective l1;
        Objective l2;
        Objective l3;
        Objective f;
        if (!sameDiff) {
            l1 = AnalyticObjective.of("L1(w1; a)", List.of(w1, a), (p, bt) -> {
                INDArray wv = p.tensor(w1, "w1");
                INDArray ea = exp(p.tensor(a, "a"), true);
                INDArray margin = x1.mmul(wv).muli(y1);
                double value = log(exp(margin.neg(), false).addi(1), false).meanNumber().doubleValue()
                        + 0.5 * ea.mul(wv).mul(wv).sumNumber().doubleValue();
                INDArray s = sigmoid(margin.neg(), false).muli(y1);
                INDArray gw = x1.transpose().mmul(s).muli(-1.0 / n).addi(ea.mul(wv));
                return new AnalyticObjective.Result(value, Map.of(w1, gw, a, ea.mul(wv).muli(wv).muli(0.5)));
            });
            l2 = AnalyticObjective.of("L2(w2; b, w1*)", List.of(w2, b, w1), (p, bt) -> {
                INDArray v2 = p.tensor(w2, "w2");
                INDArray v1 = p.tensor(w1, "w1");
                double bv = p.value(b).getDouble(0);
                double sp = Math.log1p(Math.exp(bv));
                INDArray t = tanh(x2.mmul(v1), false);
                INDArray r = x2.mmul(v2).subi(t);
                double sq2 = v2.mul(v2).sumNumber().doubleValue();
                double value = r.mul(r).sumNumber().doubleValue() / n + 0.5 * sp * sq2;
                INDArray g2 = x2.transpose().mmul(r).muli(2.0 / n).addi(v2.mul(sp));
                INDArray g1 = x2.transpose().mmul(r.mul(t.mul(t).rsubi(1))).muli(-2.0 / n);
                INDArray gb = Nd4j.create(new double[] {0.5 * sq2 / (1 + Math.exp(-bv))}, new long[] {1, 1}, DataType.DOUBLE);
                return new AnalyticObjective.Result(value, Map.of(w2, g2, w1, g1, b, gb));
            });
            l3 = AnalyticObjective.of("L3(w3; c, w1*, w2*)", List.of(w3, c, w1, w2), (p, bt) -> {
                INDArray v3 = p.tensor(w3, "w3");
                INDArray cv = p.tensor(c, "c");
                INDArray z1 = x3.mmul(p.tensor(w1, "w1"));
                INDArray z2 = x3.mmul(p.tensor(w2, "w2"));
                INDArray r = x3.mmul(v3).subi(z1.mul(z2));
                double value = r.mul(r).sumNumber().doubleValue() / n + 0.5 * cv.mul(v3).mul(v3).sumNumber().doubleValue();
                INDArray g3 = x3.transpose().mmul(r).muli(2.0 / n).addi(cv.mul(v3));
                INDArray g1 = x3.transpose().mmul(r.mul(z2)).muli(-2.0 / n);
                INDArray g2 = x3.transpose().mmul(r.mul(z1)).muli(-2.0 / n);
                return new AnalyticObjective.Result(value, Map.of(w3, g3, c, v3.mul(v3).muli(0.5), w1, g1, w2, g2));
            });
            f = AnalyticObjective.of("F(w3*, w1*)", List.of(w3, w1), (p, bt) -> {
                INDArray r3 = xv.mmul(p.tensor(w3, "w3")).subi(yv);
                INDArray r1 = xv.mmul(p.tensor(w1, "w1")).subi(yv);
                double value = r3.mul(r3).sumNumber().doubleValue() / m + 0.1 * r1.mul(r1).sumNumber().doubleValue() / m;
                return new AnalyticObjective.Result(value, Map.of(w3, xv.transpose().mmul(r3).muli(2.0 / m),
                        w1, xv.transpose().mmul(r1).muli(0.2 / m)));
            });
        } else {
            SameDiff s1 = SameDiff.create();
            SDVariable s1w = s1.var("w1", Nd4j.zeros(DataType.DOUBLE, d, 1));
            SDVariable s1a = s1.var("a", Nd4j.zeros(DataType.DOUBLE, d, 1));
            SDVariable mg = s1.constant(x1).mmul(s1w).mul(s1.constant(y1));
            s1.nn.softplus(mg.neg()).mean().add(s1.math.exp(s1a).mul(s1w).mul(s1w).sum().mul(0.5)).rename("loss");
            l1 = SameDiffObjective.builder(s1, "loss").parameter(w1, "w1").parameter(a, "a").description("L1(w1; a)").build();

            SameDiff s2 = SameDiff.create();
            SDVariable s2w2 = s2.var("w2", Nd4j.zeros(DataType.DOUBLE, d, 1));
            SDVariable s2w1 = s2.var("w1", Nd4j.zeros(DataType.DOUBLE, d, 1));
            SDVariable s2b = s2.var("b", Nd4j.zeros(DataType.DOUBLE, 1, 1));
            SDVariable cx2 = s2.constant(x2);
            SDVariable r2 = cx2.mmul(s2w2).sub(s2.math.tanh(cx2.mmul(s2w1)));
            r2.mul(r2).mean().add(s2.nn.softplus(s2b).mul(s2w2.mul(s2w2).sum()).sum().mul(0.5)).rename("loss");
            l2 = SameDiffObjective.builder(s2, "loss").parameter(w2, "w2").parameter(b, "b").parameter(w1, "w1")
                    .description("L2(w2; b, w1*)").build();

            SameDiff s3 = SameDiff.create();
            SDVariable s3w3 = s3.var("w3", Nd4j.zeros(DataType.DOUBLE, d, 1));
            SDVariable s3c = s3.var("c", Nd4j.zeros(DataType.DOUBLE, d, 1));
            SDVariable s3w1 = s3.var("w1", Nd4j.zeros(DataType.DOUBLE, d, 1));
            SDVariable s3w2 = s3.var("w2", Nd4j.zeros(DataType.DOUBLE, d, 1));
            SDVariable cx3 = s3.constant(x3);
            SDVariable r3 = cx3.mmul(s3w3).sub(cx3.mmul(s3w1).mul(cx3.mmul(s3w2)));
            r3.mul(r3).mean().add(s3c.mul(s3w3).mul(s3w3).sum().mul(0.5)).rename("loss");
            l3 = SameDiffObjective.builder(s3, "loss").parameter(w3, "w3").parameter(c, "c").parameter(w1, "w1")
                    .parameter(w2, "w2").description("L3(w3; c, w1*, w2*)").build();

            SameDiff sv = SameDiff.create();
            SDVariable svw3 = sv.var("w3", Nd4j.zeros(DataType.DOUBLE, d, 1));
            SDVariable svw1 = sv.var("w1", Nd4j.zeros(DataType.DOUBLE, d, 1));
            SDVariable cxv = sv.constant(xv);
            SDVariable cyv = sv.constant(yv);
            SDVariable rv3 = cxv.mmul(svw3).sub(cyv);
            SDVariable rv1 = cxv.mmul(svw1).sub(cyv);
            rv3.mul(rv3).mean().add(rv1.mul(rv1).mean().mul(0.1)).rename("loss");
            f = SameDiffObjective.builder(sv, "loss").parameter(w3, "w3").parameter(w1, "w1").description("F(w3*, w1*)").build();
        }
        SkillProgram p = SkillProgram.builder("three-stage chain")
                .stage("one", s -> s.active(w1).supporting(a).loss(l1).optimizer(new Sgd(LearningRate.constant(0.1), 0.9, 0.01, 0)))
                .stage("two", s -> s.active(w2).supporting(b).usesSolutionOf(w1).loss(l2).optimizer(Adam.of(0.05)))
                .stage("three", s -> s.active(w3).supporting(c).usesSolutionOf(w1, w2).loss(l3).optimizer(Sgd.plain(0.1)))
                .validation(v -> v.minimize(a, Adam.of(0.01)).minimize(b, Adam.of(0.01)).minimize(c, Sgd.plain(0.01)).loss(f))
                .build();
        return new Problem(p, Map.of("w1", w1, "a", a, "w2", w2, "b", b, "w3", w3, "c", c));
    }

    // ---------------------------------------------------------------- (c) MIN and MAX

    /**
     * A miniature of LPT's Eq. (10): stage "testee" learns w under exp(a)-regularization; stage
     * "tester" learns e on its training data and on bank examples weighted by σ(c); the
     * validation stage minimises over a and maximises over c
     * F = Σ σ(c_i) (x_bi·w − y_bi)² / Σ σ(c_i) − λ (1/m)‖Xv e − yv‖².
     */
    public static Problem minMax(boolean sameDiff) {
        int n = 10;
        int nb = 6;
        int m = 8;
        int d = 3;
        double lambda = 0.7;
        double gamma = 0.5;
        INDArray x = TestData.normal(21, 1, n, d);
        INDArray y = TestData.normal(22, 1, n, 1);
        INDArray xb = TestData.normal(23, 1, nb, d);
        INDArray yb = TestData.normal(24, 1, nb, 1);
        INDArray xv = TestData.normal(25, 1, m, d);
        INDArray yv = TestData.normal(26, 1, m, 1);

        Learner testee = Learner.named("testee");
        Learner tester = Learner.named("tester");
        ParameterSet w = column(testee, "w", ParameterKind.WEIGHTS, d, Initializer.normal(0.5));
        ParameterSet a = column(testee, "a", ParameterKind.ARCHITECTURE, d, Initializer.normal(0.3));
        ParameterSet e = column(tester, "e", ParameterKind.WEIGHTS, d, Initializer.normal(0.5));
        ParameterSet c = column(tester, "c", ParameterKind.EXAMPLE_WEIGHTS, nb, Initializer.normal(0.5));

        Objective lTestee;
        Objective lTester;
        Objective f;
        if (!sameDiff) {
            lTestee = AnalyticObjective.of("L(w; a)", List.of(w, a), (p, bt) -> {
                INDArray wv = p.tensor(w, "w");
                INDArray ea = exp(p.tensor(a, "a"), true);
                INDArray r = x.mmul(wv).subi(y);
                double value = r.mul(r).sumNumber().doubleValue() / n + ea.mul(wv).mul(wv).sumNumber().doubleValue();
                return new AnalyticObjective.Result(value, Map.of(w, x.transpose().mmul(r).muli(2.0 / n).addi(ea.mul(wv).muli(2)),
                        a, ea.mul(wv).muli(wv)));
            });
            lTester = AnalyticObjective.of("L(e) + γ Σ σ(c) ℓ(e)", List.of(e, c), (p, bt) -> {
                INDArray ev = p.tensor(e, "e");
                INDArray sc = sigmoid(p.tensor(c, "c"), true);
                INDArray r = x.mmul(ev).subi(y);
                INDArray rb = xb.mmul(ev).subi(yb);
                INDArray lb = rb.mul(rb);
                double value = r.mul(r).sumNumber().doubleValue() / n + gamma * sc.mul(lb).sumNumber().doubleValue() / nb;
                INDArray ge = x.transpose().mmul(r).muli(2.0 / n).addi(xb.transpose().mmul(rb.mul(sc)).muli(2 * gamma / nb));
                INDArray gc = lb.mul(sc).muli(sc.rsub(1)).muli(gamma / nb);
                return new AnalyticObjective.Result(value, Map.of(e, ge, c, gc));
            });
            f = AnalyticObjective.of("Σσ(c)ℓ(w*)/Σσ(c) − λ L_val(e*)", List.of(w, c, e), (p, bt) -> {
                INDArray sc = sigmoid(p.tensor(c, "c"), true);
                INDArray rb = xb.mmul(p.tensor(w, "w")).subi(yb);
                INDArray lb = rb.mul(rb);
                double s = sc.sumNumber().doubleValue();
                double t = sc.mul(lb).sumNumber().doubleValue();
                INDArray rv = xv.mmul(p.tensor(e, "e")).subi(yv);
                double value = t / s - lambda * rv.mul(rv).sumNumber().doubleValue() / m;
                INDArray gw = xb.transpose().mmul(rb.mul(sc)).muli(2.0 / s);
                INDArray gc = sc.mul(sc.rsub(1)).muli(lb.mul(s).subi(t)).divi(s * s);
                INDArray ge = xv.transpose().mmul(rv).muli(-2.0 * lambda / m);
                return new AnalyticObjective.Result(value, Map.of(w, gw, c, gc, e, ge));
            });
        } else {
            SameDiff g1 = SameDiff.create();
            SDVariable g1w = g1.var("w", Nd4j.zeros(DataType.DOUBLE, d, 1));
            SDVariable g1a = g1.var("a", Nd4j.zeros(DataType.DOUBLE, d, 1));
            SDVariable r1 = g1.constant(x).mmul(g1w).sub(g1.constant(y));
            r1.mul(r1).mean().add(g1.math.exp(g1a).mul(g1w).mul(g1w).sum()).rename("loss");
            lTestee = SameDiffObjective.builder(g1, "loss").parameter(w, "w").parameter(a, "a").description("L(w; a)").build();

            SameDiff g2 = SameDiff.create();
            SDVariable g2e = g2.var("e", Nd4j.zeros(DataType.DOUBLE, d, 1));
            SDVariable g2c = g2.var("c", Nd4j.zeros(DataType.DOUBLE, nb, 1));
            SDVariable r2 = g2.constant(x).mmul(g2e).sub(g2.constant(y));
            SDVariable rb2 = g2.constant(xb).mmul(g2e).sub(g2.constant(yb));
            r2.mul(r2).mean().add(g2.nn.sigmoid(g2c).mul(rb2.mul(rb2)).mean().mul(gamma)).rename("loss");
            lTester = SameDiffObjective.builder(g2, "loss").parameter(e, "e").parameter(c, "c")
                    .description("L(e) + γ Σ σ(c) ℓ(e)").build();

            SameDiff g3 = SameDiff.create();
            SDVariable g3w = g3.var("w", Nd4j.zeros(DataType.DOUBLE, d, 1));
            SDVariable g3c = g3.var("c", Nd4j.zeros(DataType.DOUBLE, nb, 1));
            SDVariable g3e = g3.var("e", Nd4j.zeros(DataType.DOUBLE, d, 1));
            SDVariable sc = g3.nn.sigmoid(g3c);
            SDVariable rb3 = g3.constant(xb).mmul(g3w).sub(g3.constant(yb));
            SDVariable rv3 = g3.constant(xv).mmul(g3e).sub(g3.constant(yv));
            sc.mul(rb3.mul(rb3)).sum().div(sc.sum()).sub(rv3.mul(rv3).mean().mul(lambda)).rename("loss");
            f = SameDiffObjective.builder(g3, "loss").parameter(w, "w").parameter(c, "c").parameter(e, "e")
                    .description("Σσ(c)ℓ(w*)/Σσ(c) − λ L_val(e*)").build();
        }
        SkillProgram p = SkillProgram.builder("min-max")
                .stage("testee", s -> s.active(w).supporting(a).loss(lTestee).optimizer(new Sgd(LearningRate.constant(0.1), 0.9, 3e-4, 0)))
                .stage("tester", s -> s.active(e).supporting(c).loss(lTester).optimizer(new Sgd(LearningRate.constant(0.1), 0.9, 3e-4, 0)))
                .validation(v -> v.minimize(a, Adam.of(0.01)).maximize(c, Adam.of(0.01)).loss(f))
                .build();
        return new Problem(p, Map.of("w", w, "a", a, "e", e, "c", c));
    }
}
