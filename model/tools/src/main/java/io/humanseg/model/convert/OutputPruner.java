package io.humanseg.model.convert;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps only the named graph outputs and the nodes, initializers and value_info they need.
 *
 * <p>Why: training graphs such as IS-Net's export deep-supervision side outputs that inference never reads;
 * left in, they still cost their upsampling work at full resolution, and they make the graph's interface
 * ambiguous for anyone reading the card.
 */
public final class OutputPruner {
  private OutputPruner() {}

  public static ModelProto keep(ModelProto model, List<String> outputs) {
    GraphProto g = model.getGraph();
    List<ValueInfoProto> kept = new ArrayList<>();
    for (String name : outputs) {
      kept.add(g.getOutputList().stream().filter(v -> v.getName().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("the graph has no output " + name)));
    }

    // Exporters do not always list nodes in topological order, so walk back from the outputs by producer.
    Map<String, NodeProto> producers = new HashMap<>();
    g.getNodeList().forEach(n -> n.getOutputList().forEach(o -> producers.put(o, n)));
    Set<String> live = new HashSet<>();
    Set<NodeProto> needed = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<String> pending = new ArrayDeque<>(outputs);
    while (!pending.isEmpty()) {
      String value = pending.pop();
      if (value.isEmpty() || !live.add(value)) {
        continue;
      }
      NodeProto producer = producers.get(value);
      if (producer != null && needed.add(producer)) {
        pending.addAll(producer.getInputList());
      }
    }
    List<NodeProto> nodes = g.getNodeList().stream().filter(needed::contains).toList();

    GraphProto.Builder b = g.toBuilder().clearNode().clearOutput().clearInitializer().clearValueInfo();
    b.addAllNode(nodes).addAllOutput(kept);
    g.getInitializerList().stream().filter(t -> live.contains(t.getName())).forEach(b::addInitializer);
    g.getValueInfoList().stream().filter(v -> live.contains(v.getName())).forEach(b::addValueInfo);
    return model.toBuilder().setGraph(b).build();
  }
}
