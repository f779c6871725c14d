package io.mallard.domain.behavior;

/** One element of a sequence pattern. */
sealed interface PatternStep {

    /** {@code (?N)}: one event on which condition {@code index + 1} holds. */
    record Condition(int index) implements PatternStep {
    }

    /** {@code .}: exactly one event, whatever it matched. */
    record AnyEvent() implements PatternStep {
    }

    /** {@code .*}: any number of events, as few as possible first. */
    record AnyEvents() implements PatternStep {
    }

    /** {@code (?t op N)}: a gate on whole seconds since the last event consumed by (?N) or '.'. */
    record TimeGate(Comparison comparison, long seconds) implements PatternStep {
        boolean passes(long elapsed) {
            return comparison.holds(elapsed, seconds);
        }

        /** Whether the search may step over an event that does not satisfy the next element. */
        boolean maySkip(long elapsed) {
            return switch (comparison) {
                case GREATER_OR_EQUAL, GREATER, NOT_EQUAL -> true;
                case LESS_OR_EQUAL, LESS -> passes(elapsed);
                case EQUAL -> elapsed <= seconds;
            };
        }

        /** Whether the gate holds after the last event (nothing left that could break it). */
        boolean passesAtEnd() {
            return comparison == Comparison.LESS_OR_EQUAL || comparison == Comparison.LESS
                    || comparison == Comparison.GREATER_OR_EQUAL && seconds == 0;
        }
    }

    /** The comparison operators of a time gate; a single {@code =} is not one of them. */
    enum Comparison {
        GREATER_OR_EQUAL(">="), LESS_OR_EQUAL("<="), EQUAL("=="), NOT_EQUAL("!="), GREATER(">"), LESS("<");

        final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        boolean holds(long left, long right) {
            return switch (this) {
                case GREATER_OR_EQUAL -> left >= right;
                case LESS_OR_EQUAL -> left <= right;
                case EQUAL -> left == right;
                case NOT_EQUAL -> left != right;
                case GREATER -> left > right;
                case LESS -> left < right;
            };
        }
    }
}
