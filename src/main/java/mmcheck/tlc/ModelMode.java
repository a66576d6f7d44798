package mmcheck.tlc;

import java.util.Arrays;
import java.util.Optional;

/** How TLC explores a model; labels as in tlaplus/Examples manifests. */
public enum ModelMode {
    EXHAUSTIVE("exhaustive search"),
    SIMULATE("simulate");

    private final String label;

    ModelMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<ModelMode> ofLabel(String label) {
        return Arrays.stream(values()).filter(m -> m.label.equals(label)).findFirst();
    }

    @Override
    public String toString() {
        return label;
    }
}
