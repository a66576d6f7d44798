package mmcheck.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import mmcheck.event.MmAction;

/**
 * One vocabulary: every engine step is a TLA+ operator of the same name with the same parameter
 * names in the same order, and a public method of the engine class MmAction names.
 */
class VocabularyTest {
    private static final SpecModel SPEC = Models.load("MCBuddySmall");

    @ParameterizedTest
    @EnumSource(MmAction.class)
    void action_isASpecOperatorWithTheSameParameters(MmAction a) {
        assertEquals(a.paramNames(), List.of(SPEC.paramNames(a.specName())), a.specName());
    }

    @ParameterizedTest
    @EnumSource(MmAction.class)
    void action_isAPublicEngineMethod(MmAction a) throws ClassNotFoundException {
        Class<?> c = Class.forName(a.javaClass());
        List<Method> m = Arrays.stream(c.getMethods()).filter(x -> x.getName().equals(a.javaName())).toList();
        assertTrue(!m.isEmpty() && Modifier.isPublic(m.get(0).getModifiers()), a.javaMethod() + " is missing");
        assertEquals(a.arity(), m.get(0).getParameterCount(), a.javaMethod() + " takes the spec's parameters");
    }
}
