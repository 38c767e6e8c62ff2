package org.skillearn.examples.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.skillearn.core.data.BatchConfig;
import org.skillearn.core.data.ImageDataset;
import org.skillearn.core.data.Normalization;
import org.skillearn.core.data.SearchSplit;
import org.skillearn.core.data.TrainTest;
import org.skillearn.core.solver.ProgramState;
import org.skillearn.core.solver.SkillSolver;
import org.skillearn.core.solver.SolverConfig;
import org.skillearn.darts.genotype.Genotype;
import org.skillearn.darts.resnet.ResNetConfig;
import org.skillearn.darts.supernet.SupernetConfig;
import org.skillearn.lpt.LptAblation;
import org.skillearn.lpt.LptConfig;

class DartsLptProgramTest {

    private static ImageDataset images(String name, int n, Random r) {
        byte[] pixels = new byte[n * 8 * 8];
        r.nextBytes(pixels);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
        }
        return ImageDataset.of(name, 1, 8, 8, 3, List.of(), pixels, labels);
    }

    private static SearchSetup setup() {
        Random r = new Random(1);
        SearchSplit split = SearchSplit.of(new TrainTest(images("train", 24, r), images("test", 6, r)), 1);
        return new SearchSetup(split, BatchConfig.of(4, Normalization.FASHION_MNIST), 1, 1, 1);
    }

    /** One search step and the per-epoch diagnostics on 8×8 images, for the full program and both ablations. */
    @ParameterizedTest
    @EnumSource(LptAblation.class)
    void stepsAndReportsTheTestAndTheGenotype(LptAblation ablation) {
        SearchSetup setup = setup();
        DartsLptProgram p = new DartsLptProgram(setup, LptConfig.defaults().withAblation(ablation),
                DartsLptProgram.network(setup, 2, 3), new ResNetConfig(1, 3, List.of(3, 4), 1));
        ProgramState state = p.initialize(1);
        new SkillSolver(p.program(), SolverConfig.secondOrder()).step(state);
        Map<String, Object> d = p.diagnostics(state);
        for (String key : List.of("test_difficulty", "bank_loss", "selection_mean", "selection_std")) {
            assertTrue(Double.isFinite((Double) d.get(key)), key + " = " + d.get(key));
        }
        assertEquals(ablation != LptAblation.DIFFICULTY_ONLY, d.containsKey("tester_val_loss"));
        assertEquals(ablation != LptAblation.DIFFICULTY_ONLY, d.containsKey("tester_test_loss"));
        assertEquals(Math.min(DartsLptProgram.DIAGNOSTIC_IMAGES, setup.searchVal().size()), d.get("diagnostic_images"));
        Genotype g = Genotype.parse((String) p.evaluate(state).get("genotype"));
        assertEquals(8, g.normal().size());
        assertEquals(d.get("genotype"), g.toString());
        assertEquals(g, org.skillearn.darts.genotype.GenotypeJson.fromJson(p.files(state).get(DartsLptProgram.GENOTYPE_FILE)));
    }

    @org.junit.jupiter.api.Test
    void rejectsASupernetForOtherImagesAndPicksTheEncoderByImageSize() {
        SearchSetup setup = setup();
        assertEquals(ResNetConfig.small(1), DartsLptProgram.encoder("auto", setup));
        assertEquals(ResNetConfig.resnet18(1), DartsLptProgram.encoder("resnet18", setup));
        assertEquals(ResNetConfig.resnet50(1), DartsLptProgram.encoder("resnet50", setup));
        assertEquals(2048, DartsLptProgram.encoder("resnet50", setup).featureWidth());
        IllegalArgumentException vgg = assertThrows(IllegalArgumentException.class, () -> DartsLptProgram.encoder("vgg", setup));
        assertTrue(vgg.getMessage().contains("resnet50"), vgg.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DartsLptProgram(setup, LptConfig.defaults(),
                SupernetConfig.of(2, 3, 3, 3), ResNetConfig.small(3)));
    }
}
