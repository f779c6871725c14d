package io.mallard.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

import java.util.regex.Pattern;

/** Leaves out Micronaut's generated bean definitions ({@code $Foo$Definition}, {@code $Foo$Introspection}…). */
public final class ExcludeGeneratedClasses implements ImportOption {
    private static final Pattern GENERATED = Pattern.compile(".*/\\$[^/]*\\.class$");

    @Override
    public boolean includes(Location location) {
        return !location.matches(GENERATED);
    }
}
