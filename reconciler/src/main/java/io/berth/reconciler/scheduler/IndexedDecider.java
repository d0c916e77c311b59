package io.berth.reconciler.scheduler;

import io.berth.reconciler.scheduler.scorers.BinpackScorer;
import io.berth.reconciler.scheduler.scorers.SpreadScorer;
import io.berth.reconciler.scheduler.spi.InstanceLoad;
import io.berth.reconciler.scheduler.spi.PlacementFilter;
import io.berth.reconciler.scheduler.spi.PlacementScorer;
import io.berth.reconciler.scheduler.spi.TaskRequirements;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;

/**
 * The same choices as {@link ScanDecider} for chains of {@code binpack} and {@code spread} scorers, in O(cells + log
 * instances) per task instead of O(instances): at 10,000 hosts a scan costs milliseconds per task, which made a
 * million placements take hours.
 *
 * <p>Why an index is exact here. Everything a filter or a host-local score (binpack, spread across instances, the
 * fewer-tasks and id tie-breaks) depends on belongs to one instance, and placing a task changes only the instance it
 * goes to. The one score that depends on other instances is spread across an attribute: the group's tasks on all
 * instances sharing the value. So the instances are grouped into <em>cells</em> — one per combination of the values
 * of the attributes the chain spreads across (e.g. one per zone). Within a cell every attribute score is the same,
 * so the cell's best instance is the first of a heap ordered by the host-local scores in chain order, then fewer
 * tasks, then lower id; only feasible instances are in the heaps. The best instance overall is the best of the
 * cells' heads under the full chain, with the attribute scores read from running counts per value. The ids are
 * distinct, so that order is total and the result does not depend on the order anything is looked at — which is
 * what the scan's tie-break produces too. After a placement only the chosen instance's entry (the head of its cell)
 * is taken out, re-filtered and put back, and the counts of its attribute values move by the task placed.
 *
 * <p>Not covered (the scheduler scans instead): a {@code random} strategy (its draws depend on the scan order),
 * scorers other than binpack and spread, and instances without an id.
 */
final class IndexedDecider implements PlacementDecider {

    /** Whether the index decides exactly as the scan for this chain (without a random scorer) and these instances. */
    static boolean supports(List<PlacementScorer> chain, InstanceLoad[] working) {
        for (PlacementScorer s : chain) {
            if (!(s instanceof BinpackScorer) && !(s instanceof SpreadScorer)) {
                return false;
            }
        }
        for (InstanceLoad instance : working) {
            if (instance.id() == null) {
                return false;
            }
        }
        return true;
    }

    /** One feasible instance in its cell's heap: its host-local scores (higher is better) frozen at insertion. */
    private record Entry(int at, long[] local, int totalTasks, UUID id) {
    }

    /** The instances sharing one value of every spread attribute; {@code counts[a][0]} is the group's tasks there. */
    private static final class Cell {
        final int[][] counts;
        final PriorityQueue<Entry> heap = new PriorityQueue<>(IndexedDecider::compareWithinCell);

        Cell(int attributes) {
            counts = new int[attributes][];
        }
    }

    private final TaskRequirements task;
    private final List<PlacementFilter> filters;
    /** Per chain position: what it scores (BINPACK_CPU ...), and for attribute spreads the attribute's index. */
    private final Kind[] kinds;
    private final int[] attributeAt;
    private final int locals;
    private final List<Cell> cells = new ArrayList<>();
    private final Cell[] cellOf;
    private Cell chosen;

    private enum Kind { BINPACK_CPU, BINPACK_MEMORY, SPREAD_INSTANCE, SPREAD_ATTRIBUTE }

    /** @param chain the compared scorers (no random one); {@link #supports} must hold */
    IndexedDecider(TaskRequirements task, List<PlacementFilter> filters, List<PlacementScorer> chain,
                   InstanceLoad[] working) {
        this.task = task;
        this.filters = filters;
        this.kinds = new Kind[chain.size()];
        this.attributeAt = new int[chain.size()];
        List<String> attributes = new ArrayList<>();
        int localCount = 0;
        for (int s = 0; s < chain.size(); s++) {
            attributeAt[s] = -1;
            switch (chain.get(s)) {
                case BinpackScorer b -> kinds[s] = b.field() == BinpackScorer.Field.CPU ? Kind.BINPACK_CPU : Kind.BINPACK_MEMORY;
                case SpreadScorer sp when sp.attribute() == null -> kinds[s] = Kind.SPREAD_INSTANCE;
                case SpreadScorer sp -> {
                    kinds[s] = Kind.SPREAD_ATTRIBUTE;
                    int a = attributes.indexOf(sp.attribute());
                    if (a < 0) {
                        a = attributes.size();
                        attributes.add(sp.attribute());
                    }
                    attributeAt[s] = a;
                }
                default -> throw new IllegalArgumentException("not an indexed scorer: " + chain.get(s));
            }
            if (attributeAt[s] < 0) {
                localCount++;
            }
        }
        this.locals = localCount;
        this.cellOf = new Cell[working.length];

        // The group's tasks per attribute value over the whole cluster (feasible or not), as the spread scorer's
        // prepare() counts them; shared int[1] holders so that every cell with that value sees one count.
        List<Map<String, int[]>> perValue = new ArrayList<>();
        for (int a = 0; a < attributes.size(); a++) {
            perValue.add(new HashMap<>());
        }
        Map<List<String>, Cell> byValues = new LinkedHashMap<>();
        for (int at = 0; at < working.length; at++) {
            InstanceLoad instance = working[at];
            String[] values = new String[attributes.size()];
            int mine = instance.tasksOf(task.group());
            for (int a = 0; a < values.length; a++) {
                values[a] = instance.attribute(attributes.get(a)); // null = lacks it: one more value of its own
                perValue.get(a).computeIfAbsent(values[a], v -> new int[1])[0] += mine;
            }
            Cell cell = byValues.get(Arrays.asList(values));
            if (cell == null) {
                cell = new Cell(values.length);
                for (int a = 0; a < values.length; a++) {
                    cell.counts[a] = perValue.get(a).get(values[a]);
                }
                byValues.put(Arrays.asList(values), cell);
                cells.add(cell);
            }
            cellOf[at] = cell;
            if (Scheduler.firstRejecting(filters, task, instance) == null) {
                cell.heap.add(entry(at, instance));
            }
        }
    }

    @Override
    public int best() {
        Cell bestCell = null;
        Entry best = null;
        for (Cell cell : cells) {
            Entry head = cell.heap.peek();
            if (head != null && (best == null || better(cell, head, bestCell, best))) {
                bestCell = cell;
                best = head;
            }
        }
        chosen = bestCell;
        return best == null ? -1 : best.at();
    }

    @Override
    public void placed(int at, InstanceLoad before, InstanceLoad after) {
        Cell cell = cellOf[at];
        if (cell != chosen || cell.heap.peek() == null || cell.heap.peek().at() != at) {
            throw new IllegalStateException("placed at " + at + ", which is not the instance best() chose");
        }
        cell.heap.poll();
        int delta = after.tasksOf(task.group()) - before.tasksOf(task.group());
        for (int[] count : cell.counts) {
            count[0] += delta;
        }
        if (Scheduler.firstRejecting(filters, task, after) == null) {
            cell.heap.add(entry(at, after));
        }
        chosen = null;
    }

    private Entry entry(int at, InstanceLoad instance) {
        long[] local = new long[locals];
        int k = 0;
        for (Kind kind : kinds) {
            switch (kind) {
                case BINPACK_CPU -> local[k++] = -(instance.freeCpu() - task.cpu()); // int, as BinpackScorer
                case BINPACK_MEMORY -> local[k++] = -(instance.freeMemory() - task.memory());
                case SPREAD_INSTANCE -> local[k++] = -instance.tasksOf(task.group());
                case SPREAD_ATTRIBUTE -> {
                }
            }
        }
        return new Entry(at, local, instance.totalTasks(), instance.id());
    }

    /** Negative when {@code a} is better: host-local scores in chain order (higher first), fewer tasks, lower id. */
    private static int compareWithinCell(Entry a, Entry b) {
        for (int k = 0; k < a.local.length; k++) {
            int c = Long.compare(b.local[k], a.local[k]);
            if (c != 0) {
                return c;
            }
        }
        return tieBreak(a, b);
    }

    private static int tieBreak(Entry a, Entry b) {
        int c = Integer.compare(a.totalTasks, b.totalTasks);
        return c != 0 ? c : a.id.compareTo(b.id);
    }

    /** Whether {@code a} (head of {@code cellA}) beats {@code b} under the full chain, then the tie-breaks. */
    private boolean better(Cell cellA, Entry a, Cell cellB, Entry b) {
        int k = 0;
        for (int s = 0; s < kinds.length; s++) {
            long va;
            long vb;
            if (attributeAt[s] >= 0) {
                va = -cellA.counts[attributeAt[s]][0];
                vb = -cellB.counts[attributeAt[s]][0];
            } else {
                va = a.local[k];
                vb = b.local[k];
                k++;
            }
            if (va != vb) {
                return va > vb;
            }
        }
        return tieBreak(a, b) < 0;
    }
}
