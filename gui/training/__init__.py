"""Training in the editor: the training dock, its worker thread, live plots and the views that teach."""
