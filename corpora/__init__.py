"""Project-written corpora: training data and the synthetic report generator."""
