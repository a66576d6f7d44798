package mmcheck.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import mmcheck.conform.compaction.CompactionAction;

/**
 * One vocabulary for compaction: every step of CompactionAction is an operator of spec/Compaction.tla (or the
 * buddy spec under it) with as many parameters as the action lists, and a public method of the engine class it
 * names.
 */
class CompactionVocabularyTest {
    private static final SpecModel SPEC = Models.load("MCCompactionBind");

    @ParameterizedTest
    @EnumSource(CompactionAction.class)
    void action_isASpecOperatorWithAsManyParameters(CompactionAction a) {
        assertEquals(a.params().size(), SPEC.paramNames(a.specName()).length, a.specName());
    }

    @ParameterizedTest
    @EnumSource(CompactionAction.class)
    void action_isAPublicEngineMethod(CompactionAction a) throws ClassNotFoundException {
        Class<?> c = Class.forName(a.javaClass());
        List<Method> m = Arrays.stream(c.getMethods()).filter(x -> x.getName().equals(a.javaName())).toList();
        assertTrue(!m.isEmpty() && Modifier.isPublic(m.get(0).getModifiers()), a.javaMethod() + " is missing");
    }
}
