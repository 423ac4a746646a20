package dev.jvmm.guests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The committed images are exactly what {@code build.sh} makes from the committed sources. Runs only where
 * the GNU toolchain is installed; a different toolchain version legitimately produces different bytes, so
 * the test also needs the versions recorded in {@code src/guest/toolchain.txt}.
 */
class BuildScriptCheckTest {

    @Test
    void committedImagesAreByteIdenticalToARebuild() throws Exception {
        Path module = Processes.moduleDirectory();
        for (String tool : List.of("as", "ld", "gcc")) {
            assumeTrue(Processes.onPath(tool), () -> skip(tool + " is not on the PATH (apt-get install binutils gcc gcc-multilib)"));
        }
        Processes.Result multilib = Processes.run(module, 60, List.of("sh", "-c",
                "echo 'int main(void) { return 0; }' | gcc -m32 -x c -o /dev/null -"));
        assumeTrue(multilib.status() == 0, () -> skip("gcc cannot link 32-bit programs (apt-get install gcc-multilib)"));
        String recorded = Files.readString(module.resolve("src/guest/toolchain.txt"));
        String current = Processes.run(module, 60, List.of("sh", "build.sh", "--toolchain")).stdout();
        assumeTrue(recorded.equals(current), () -> skip("the images were built with\n" + recorded
                + "but this machine has\n" + current));

        Processes.Result check = Processes.run(module, 300, List.of("sh", "build.sh", "--check"));
        assertEquals(0, check.status(), "build.sh --check:\n" + check.stdout() + check.stderr());
    }

    private static String skip(String reason) {
        String message = "skipping build.sh --check: " + reason;
        System.out.println(message);
        return message;
    }
}
