package mmcheck.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import mmcheck.event.MigrateAction;

/**
 * One vocabulary for page tables and migration: every step of MigrateAction is an operator of spec/Rmap.tla or
 * spec/Migrate.tla with as many parameters, in the same order (the spec spells them short: p, v, val, q, w, f,
 * mode), a disjunct of MigrateNext, and a public method of the engine class it names.
 */
class MigrateVocabularyTest {
    private static final SpecModel SPEC = Models.load("MCMigrateSmall");
    private static final List<String> SHORT = List.of("p", "v", "val", "q", "w", "f", "mode");
    private static final List<String> LONG = List.of("proc", "vpage", "val", "child", "cvpage", "pfn", "mode");

    @ParameterizedTest
    @EnumSource(MigrateAction.class)
    void action_isASpecOperatorWithTheSameParameters(MigrateAction a) {
        List<String> spec = Arrays.stream(SPEC.paramNames(a.specName())).map(p -> LONG.get(SHORT.indexOf(p)))
                .toList();
        assertEquals(a.params(), spec, a.specName());
    }

    @ParameterizedTest
    @EnumSource(MigrateAction.class)
    void action_isAPublicEngineMethod(MigrateAction a) throws ClassNotFoundException {
        Class<?> c = Class.forName(a.javaClass());
        List<Method> m = Arrays.stream(c.getMethods()).filter(x -> x.getName().equals(a.javaName())).toList();
        assertTrue(!m.isEmpty() && Modifier.isPublic(m.get(0).getModifiers()), a.javaMethod() + " is missing");
    }
}
