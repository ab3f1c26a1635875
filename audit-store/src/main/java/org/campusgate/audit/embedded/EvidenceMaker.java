package org.campusgate.audit.embedded;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.campusgate.audit.EvidenceBundle;
import org.campusgate.audit.SignedCheckpoint;
import org.campusgate.audit.integrity.LeafHashLookup;
import org.campusgate.audit.integrity.MerkleProofs;
import org.campusgate.audit.integrity.TileStore;
import org.campusgate.audit.integrity.TiledNodeSource;
import org.campusgate.audit.journal.Journal;
import org.campusgate.audit.journal.RecordCodec;

/** Builds evidence bundles: records from the journal with inclusion proofs to a checkpoint. */
final class EvidenceMaker {
  private final Journal journal;
  private final TileStore tiles;
  private final LeafHashLookup leaves;

  EvidenceMaker(Journal journal, TileStore tiles, LeafHashLookup leaves) {
    this.journal = journal;
    this.tiles = tiles;
    this.leaves = leaves;
  }

  EvidenceBundle bundle(SignedCheckpoint checkpoint, String keyName, List<Long> seqs)
      throws IOException {
    long size = checkpoint.checkpoint().treeSize();
    TiledNodeSource nodes = new TiledNodeSource(tiles, leaves);
    RecordCodec codec = new RecordCodec();
    List<EvidenceBundle.Item> items = new ArrayList<>(seqs.size());
    for (long seq : seqs) {
      byte[] bytes = journal.read(seq);
      items.add(new EvidenceBundle.Item(seq, bytes, codec.decode(bytes).record(),
          MerkleProofs.inclusionProof(seq, size, nodes)));
    }
    return new EvidenceBundle(checkpoint, keyName, items);
  }
}
