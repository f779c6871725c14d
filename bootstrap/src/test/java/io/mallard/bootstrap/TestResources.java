package io.mallard.bootstrap;

/** Teardown for tests that start several things (a browser, a server, a fixture site), some of which may not have started. */
final class TestResources {
    private TestResources() {
    }

    /** Closes every resource that was opened (null: never started), even when an earlier one fails; the first failure is rethrown. */
    static void closeAll(AutoCloseable... resources) {
        RuntimeException failure = null;
        for (AutoCloseable resource : resources) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing " + resource + " failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
