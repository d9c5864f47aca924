"""Clusters of a network: detection (Leiden, Louvain, spectral), quality (Q, S) and labels."""

from litmap.cluster.detect import METHODS, ClusterResult, cluster_matrix, cluster_network
from litmap.cluster.labels import label_clusters, term_scores
from litmap.cluster.quality import (harmonic_mean, modularity_score, silhouette_samples,
                                    silhouette_score)

__all__ = ["METHODS", "ClusterResult", "cluster_matrix", "cluster_network", "label_clusters",
           "term_scores", "modularity_score", "silhouette_samples", "silhouette_score",
           "harmonic_mean"]
