package org.skillearn.darts.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.data.BatchConfig;
import org.skillearn.core.data.Normalization;
import org.skillearn.core.runtime.NativeRuntime;
import org.skillearn.core.runtime.ShapeInfoCache;

/**
 * Building an evaluation network and its training is an entry point of the library: in a fresh JVM where nothing
 * else touched ND4J, Skillearn's native defaults are in place before ND4J loads (`skillearn
 * evaluate` ran without them: ND4J loaded first and the memory limit was JavaCPP's).
 */
class EvaluationNetworkRuntimeTest {

    @Test
    void buildingTheNetworkAndItsTrainingFirstConfiguresTheRuntimeBeforeNd4jLoads() throws IOException, InterruptedException {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(javaBin.toString(), "-cp", System.getProperty("java.class.path"),
                EvaluationNetworkRuntimeTest.class.getName() + "$Probe").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor(120, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue());
        assertEquals(ShapeInfoCache.class.getName() + " limit-in-force=true", out);
    }

    /**
     * Builds a network and its training, then prints ND4J's shape provider and whether Skillearn's memory limit is
     * JavaCPP's (it can be only if it was set before ND4J loaded).
     */
    public static final class Probe {
        public static void main(String[] args) {
            EvaluationNetwork net = new EvaluationNetwork(EvaluationNetworkConfig.of(2, 3, 1, 3), EvaluationNetworkTest.MIXED, 24);
            new GenotypeTraining(net, TrainingConfig.darts(1, 4, 1), BatchConfig.of(4, Normalization.unit(1)));
            long enforced = (long) (NativeRuntime.configure().memoryLimitBytes() * 0.9);
            System.out.println(Nd4j.getShapeInfoProvider().getClass().getName() + " limit-in-force="
                    + (Pointer.maxPhysicalBytes() == enforced));
        }
    }
}
