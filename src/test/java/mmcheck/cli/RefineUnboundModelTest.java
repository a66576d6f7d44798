package mmcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

/**
 * MCRmap is a shipped model of Rmap.tla alone, a spec no engine binding covers: refine refuses it in one line
 * naming the bindings there are (it used to fail with "IllegalArgumentException: no value for variable content").
 */
class RefineUnboundModelTest {

    @Test
    void refine_modelNoBindingFits_oneLineExit2() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new String[] {"refine", "--model", "MCRmap", "--steps", "10"}, new PrintWriter(out),
                new PrintWriter(err));
        assertEquals(2, status, out + "" + err);
        String line = err.toString().strip();
        assertTrue(line.startsWith("mmcheck refine: MCRmap.cfg: no engine is bound to this model's spec (bindings: "
                + "buddy"), line);
        assertEquals(1, line.lines().count(), line);
    }
}
