#!/bin/bash
# SLURM example: one node with 4 GPUs, one process per GPU through torchrun. Submit with `sbatch slurm.sh`.
# Adapt the partition, the time and how PyTorch is made available (module load / conda / venv) to your cluster.
#SBATCH --job-name=residual-playground
#SBATCH --nodes=1
#SBATCH --ntasks-per-node=1
#SBATCH --gpus-per-node=4
#SBATCH --cpus-per-task=16
#SBATCH --time=04:00:00
#SBATCH --output=residual-playground-%j.log
#SBATCH --requeue

set -euo pipefail
cd "$(dirname "$0")"

# --resume continues from the checkpoints when the job is requeued or submitted again; --time-limit stops at
# an epoch end 10 minutes before SLURM's limit so the last checkpoint is a clean one.
srun torchrun --standalone --nproc_per_node=4 residual_playground.py --resume --time-limit 230

# Several nodes (e.g. --nodes=2, 4 GPUs each): start one torchrun per node that meet at the first node:
#   head=$(scontrol show hostnames "$SLURM_JOB_NODELIST" | head -n 1)
#   srun torchrun --nnodes="$SLURM_NNODES" --nproc_per_node=4 --rdzv_backend=c10d --rdzv_endpoint="$head:29500" \
#        residual_playground.py --resume
# The checkpoints and results.json are written by the first process: keep this folder on a shared file system.
