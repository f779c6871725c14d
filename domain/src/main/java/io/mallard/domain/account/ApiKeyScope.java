package io.mallard.domain.account;

/** What an API key may do: read stats (ReadOnly) or everything an admin may do (Admin). Names as the reference's. */
public enum ApiKeyScope {
    READ_ONLY("ReadOnly"), ADMIN("Admin");

    private final String label;

    ApiKeyScope(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The scope named {@code label} (case-insensitive), or an IllegalArgumentException naming the accepted ones. */
    public static ApiKeyScope fromLabel(String label) {
        for (ApiKeyScope scope : values()) {
            if (scope.label.equalsIgnoreCase(label)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("scope must be ReadOnly or Admin");
    }
}
