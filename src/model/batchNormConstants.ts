/** Added to the variance before the square root. PyTorch's (and the reference's) default. */
export const BN_EPSILON = 1e-5;
/** Weight of the newest batch in the running averages: running = 0.9 running + 0.1 batch (PyTorch default). */
export const BN_MOMENTUM = 0.1;
