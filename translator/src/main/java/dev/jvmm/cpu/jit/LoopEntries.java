package dev.jvmm.cpu.jit;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which instructions of a region may be entry points without breaking its loops apart for HotSpot.
 *
 * <p>A unit is entered through a switch on RIP. An entry into the middle of a loop body (not at
 * the loop's header) gives that loop a second way in, and C2 cannot optimize a loop with two
 * entries (an irreducible loop): it keeps it out of its loop optimizations and spills guest
 * registers in it. On sort32, whose partition unit had seven entries into one loop nest, a unit
 * entered only at its first instruction ran its steady state clearly faster (figures in
 * bench/results/design-measurements.md).
 *
 * <p>The rule here keeps every entry that cannot make a loop irreducible: an instruction that
 * lies in no loop body, or that is the header of every loop it lies in. Loops are the natural
 * loops of the region's control flow graph seen from the region's entry (a back edge goes to an
 * instruction that dominates its source). Control that leaves a unit for an instruction that is
 * not an entry reaches the dispatcher, which runs or translates a unit starting there.
 */
final class LoopEntries {
    private LoopEntries() {}

    /** The instructions of {@code region} that lie in a loop body without being that loop's header. */
    static Set<Long> insideLoopBodies(Region region) {
        List<Long> rips = new ArrayList<>(region.insns.keySet());
        int n = rips.size();
        Map<Long, Integer> index = new HashMap<>();
        for (int k = 0; k < n; k++) index.put(rips.get(k), k);
        List<List<Integer>> preds = new ArrayList<>();
        for (int k = 0; k < n; k++) preds.add(new ArrayList<>());
        for (GuestInsn g : region.instructions()) {
            int from = index.get(g.rip);
            for (long to : successors(region, g)) preds.get(index.get(to)).add(from);
        }
        int entry = index.getOrDefault(region.key.entryRip(), -1);
        if (entry < 0) return Set.of();
        BitSet[] dom = dominators(n, entry, preds);
        Set<Long> inside = new HashSet<>();
        for (int u = 0; u < n; u++) {
            if (dom[u] == null) continue; // unreachable from the entry
            for (long t : successors(region, region.insns.get(rips.get(u)))) {
                int header = index.get(t);
                if (!dom[u].get(header)) continue; // not a back edge
                // The natural loop of u -> header: what reaches u without passing the header.
                BitSet body = new BitSet(n);
                List<Integer> work = new ArrayList<>(List.of(u));
                while (!work.isEmpty()) {
                    int b = work.removeLast();
                    if (b == header || body.get(b)) continue;
                    body.set(b);
                    work.addAll(preds.get(b));
                }
                body.stream().forEach(b -> inside.add(rips.get(b)));
            }
        }
        return inside;
    }

    /** Where control goes from {@code g} inside the unit: fall-through, direct target, a RET's return sites, a jump table's targets. */
    private static List<Long> successors(Region region, GuestInsn g) {
        List<Long> out = new ArrayList<>(2);
        if (g.fallsThrough() && region.insns.containsKey(g.next)) out.add(g.next);
        if (g.hasTarget() && region.insns.containsKey(g.target)) out.add(g.target);
        if (g.isNearReturn()) out.addAll(region.returnSites);
        for (long t : g.tableTargets) out.add(t);
        return out;
    }

    /** dom[k]: the instructions that dominate k (null if k is unreachable from {@code entry}). Iterative data flow. */
    private static BitSet[] dominators(int n, int entry, List<List<Integer>> preds) {
        BitSet[] dom = new BitSet[n];
        dom[entry] = new BitSet(n);
        dom[entry].set(entry);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int k = 0; k < n; k++) {
                if (k == entry) continue;
                BitSet d = null;
                for (int p : preds.get(k)) {
                    if (dom[p] == null) continue;
                    if (d == null) d = (BitSet) dom[p].clone();
                    else d.and(dom[p]);
                }
                if (d == null) continue;
                d.set(k);
                if (!d.equals(dom[k])) {
                    dom[k] = d;
                    changed = true;
                }
            }
        }
        return dom;
    }
}
