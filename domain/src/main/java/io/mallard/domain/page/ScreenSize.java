package io.mallard.domain.page;

/**
 * Viewport classes from the tracker's {@code w} (CSS pixels), using Plausible's breakpoints so
 * reports read the same: below 576 Mobile, below 992 Tablet, below 1440 Laptop, else Desktop.
 */
public enum ScreenSize {
    MOBILE("Mobile"), TABLET("Tablet"), LAPTOP("Laptop"), DESKTOP("Desktop");

    private final String label;

    ScreenSize(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static ScreenSize fromWidth(int width) {
        if (width < 576) {
            return MOBILE;
        }
        if (width < 992) {
            return TABLET;
        }
        return width < 1440 ? LAPTOP : DESKTOP;
    }
}
