"""The slot tagger (PyTorch), its checkpoints, tokenizer and predictor."""
