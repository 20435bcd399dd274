"""Orders: placing, payment, delivery, the waiting queue, flagged payments, the board and an order's detail."""
