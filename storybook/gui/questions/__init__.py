"""GUI: the Questions tab: the question bank, adding and editing questions, the question picker."""
