package dev.jvmm.launcher;

/**
 * The Ctrl-A escapes of the interactive serial console, QEMU's {@code -nographic} keys (QEMU
 * documentation, "Keys in the character backend multiplexer"): {@code Ctrl-A x} ends the run,
 * {@code Ctrl-A h} prints the keys, {@code Ctrl-A c} (QEMU's monitor) says there is none here,
 * {@code Ctrl-A Ctrl-A} sends one Ctrl-A; any other key after Ctrl-A is dropped, as QEMU does.
 * Every other byte, Ctrl-C and Enter (a CR, as a serial terminal sends it) included, goes to the guest.
 * A pure state machine, one call per typed byte, so it is tested without a terminal.
 */
final class ConsoleEscapes {
    static final int CTRL_A = 0x01;

    /** What a typed byte does. */
    enum Action { TO_GUEST, SWALLOWED, EXIT, HELP, NO_MONITOR }

    static final String HELP = """
            C-a h    print this help
            C-a x    exit jvmm (status 130)
            C-a c    QEMU's monitor: jvmm has none
            C-a C-a  send C-a to the guest
            """;

    private boolean afterCtrlA;

    /** The action of typed byte {@code c}; for {@link Action#TO_GUEST} the byte to send is {@code c}. */
    Action typed(int c) {
        if (!afterCtrlA) {
            if (c == CTRL_A) {
                afterCtrlA = true;
                return Action.SWALLOWED;
            }
            return Action.TO_GUEST;
        }
        afterCtrlA = false;
        return switch (c) {
            case CTRL_A -> Action.TO_GUEST;
            case 'x', 'X' -> Action.EXIT;
            case 'h', 'H', '?' -> Action.HELP;
            case 'c', 'C' -> Action.NO_MONITOR;
            default -> Action.SWALLOWED;
        };
    }
}
