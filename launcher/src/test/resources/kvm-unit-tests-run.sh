#!/usr/bin/env bash
# How kvm-unit-tests' own runner (x86/run with scripts/arch-run.bash, as of upstream commit 1da1819e)
# finds $QEMU, starts one test and turns the outcome into PASS/FAIL/SKIP -- the same checks and the
# same command line, restated for jvmm's tests (KvmUnitTestsRunnerTest), not upstream's code.
#   QEMU=/path/to/qemu-compatible-binary kvm-unit-tests-run.sh TEST.flat [more QEMU words]
# Exit status as upstream's runner: 0 passed, 77 skipped, 2 the binary is unusable, else failed.
set -u
qemu=${QEMU:?set QEMU to a QEMU-compatible binary}
kernel=$1
shift

# search_qemu_binary: the binary must say it is QEMU in its --help.
if ! $qemu --help 2>/dev/null | grep -q 'QEMU'; then
	echo "\$QEMU environment variable not set to a QEMU binary." >&2
	exit 2
fi
# x86/run: the test devices must be listed by -device '?'.
for dev in pc-testdev pci-testdev; do
	if ! $qemu -device '?' 2>&1 | grep -F -e "$dev" > /dev/null; then
		echo "No Qemu test device support found ($dev)" >&2
		exit 2
	fi
done

# initrd_create: the test environment goes in as a multiboot module (-initrd).
env_file=$(mktemp)
out_file=$(mktemp)
trap 'rm -f "$env_file" "$out_file"' EXIT
printf 'QEMU_ACCEL=%s\nQEMU_VERSION_MAJOR=7\n' "${ACCEL:-tcg}" > "$env_file"

command=($qemu --no-reboot -nodefaults -global kvm-pit.lost_tick_policy=discard
	-device pc-testdev -device isa-debug-exit,iobase=0xf4,iosize=0x4 -display none -serial stdio
	-device pci-testdev -machine "accel=${ACCEL:-tcg}" -kernel "$kernel" "$@" -initrd "$env_file")
echo "${command[*]}"

# run_qemu: stdout is the test's log, stderr is QEMU's own complaints.
errors=$(timeout "${TIMEOUT:-90}" "${command[@]}" < /dev/null 2>&1 > "$out_file")
ret=$?
cat "$out_file"
[ -n "$errors" ] && echo "$errors" >&2
if [ $ret -eq 0 ]; then
	ret=1 # exiting with 0 (not through isa-debug-exit) is an error
elif [ $ret -eq 1 ]; then
	# status 1 is success unless the binary also printed something that is not a warning
	if [ -z "$errors" ] || ! grep -qvi warning <<< "$errors"; then
		ret=0
	fi
fi

summary=$(grep -a '^SUMMARY' "$out_file" | tail -1 | tr -d '\r')
case $ret in
	0) echo "PASS $(basename "$kernel" .flat) ($summary)" ;;
	77) echo "SKIP $(basename "$kernel" .flat) ($summary)" ;;
	124) echo "FAIL $(basename "$kernel" .flat) (timeout)" ;;
	*) echo "FAIL $(basename "$kernel" .flat) ($summary)" ;;
esac
exit $ret
