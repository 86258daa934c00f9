#!/usr/bin/env python3
"""Trains alloyflow's U-Net on an accelerator and writes the weights for DJL.

The network is io.alloyflow.nn.UNetBlock mirrored layer for layer (Ronneberger,
Fischer and Brox 2015, MICCAI: encoder of two 3x3 conv-BN-ReLU units per level with 2x2 max
pooling, nearest 2x up-sampling + 3x3 conv-BN-ReLU, skip concatenation [skip, up], two
conv-BN-ReLU units, 1x1 head). Weights are written as safetensors under DJL's parameter names, so
`ExternalTraining import` can load them into the Java block and every evaluation runs through
DJL. Input: the .npz written by `ExternalTraining export-nasa` (images already normalised
exactly as the Java inference normalises them; the network sees 2v-1).

Loss: class-weighted cross-entropy (inverse frequency, capped) plus a soft Dice term
(Milletari, Navab and Ahmadi 2016, 3DV "V-Net") that keeps the rare tertiary gamma' class from
being traded away. AdamW (Loshchilov and Hutter 2019, ICLR) with warm-up and a half-cosine
schedule over the wall-clock budget; an exponential moving average of the weights (Polyak and
Juditsky 1992) is evaluated beside the raw weights. The checkpoint is chosen on the validation
split only; the test split is scored once, at the end, for the log.

Runs on CPU too (slowly): `--device cpu --minutes 0.2` is the smoke test.
"""
import argparse
import copy
import json
import math
import os
import struct
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def conv_bn_relu(cin, cout):
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, padding=1, bias=False),
        nn.BatchNorm2d(cout, eps=1e-5, momentum=0.1),  # DJL BatchNorm: eps 1e-5, momentum 0.9
        nn.ReLU(inplace=True))


def double_conv(cin, cout):
    return nn.Sequential(conv_bn_relu(cin, cout), conv_bn_relu(cout, cout))


class UNet(nn.Module):
    def __init__(self, in_ch, classes, base, depth):
        super().__init__()
        self.depth = depth
        ch = [base << i for i in range(depth + 1)]
        self.ch = ch
        self.enc = nn.ModuleList(
            [double_conv(in_ch if i == 0 else ch[i - 1], ch[i]) for i in range(depth)])
        self.bottleneck = double_conv(ch[depth - 1], ch[depth])
        self.up = nn.ModuleList()
        self.dec = nn.ModuleList()
        for level in range(depth - 1, -1, -1):
            self.up.append(conv_bn_relu(ch[level + 1], ch[level]))
            self.dec.append(double_conv(2 * ch[level], ch[level]))
        self.head = nn.Conv2d(ch[0], classes, 1)

    def forward(self, x):
        skips = []
        for e in self.enc:
            x = e(x)
            skips.append(x)
            x = F.max_pool2d(x, 2)
        x = self.bottleneck(x)
        for k, (u, d) in enumerate(zip(self.up, self.dec)):
            level = self.depth - 1 - k
            x = u(F.interpolate(x, scale_factor=2, mode="nearest"))
            x = d(torch.cat([skips[level], x], 1))
        return self.head(x)


def djl_parameters(net):
    """(DJL name, tensor) pairs in the order UNetBlock.getParameters() lists them."""
    out = []

    def cbr(prefix, seq):
        out.append((prefix + "_01Conv2d_weight", seq[0].weight))
        bn = seq[1]
        out.append((prefix + "_02BatchNorm_gamma", bn.weight))
        out.append((prefix + "_02BatchNorm_beta", bn.bias))
        out.append((prefix + "_02BatchNorm_runningMean", bn.running_mean))
        out.append((prefix + "_02BatchNorm_runningVar", bn.running_var))

    def dbl(prefix, seq):
        cbr(prefix + "_01SequentialBlock", seq[0])
        cbr(prefix + "_02SequentialBlock", seq[1])

    idx = 1
    for i, e in enumerate(net.enc):
        dbl("%02denc%d" % (idx, i), e)
        idx += 1
    dbl("%02dbottleneck" % idx, net.bottleneck)
    idx += 1
    for k, (u, d) in enumerate(zip(net.up, net.dec)):
        level = net.depth - 1 - k
        cbr("%02dup%d" % (idx, level), u)
        idx += 1
        dbl("%02ddec%d" % (idx, level), d)
        idx += 1
    out.append(("%02dhead_weight" % idx, net.head.weight))
    out.append(("%02dhead_bias" % idx, net.head.bias))
    return out


def write_safetensors(named, out_dir, max_bytes=15 << 20):
    """Writes float32 tensors as safetensors files of at most max_bytes each."""
    chunks, cur, size = [], [], 0
    for name, t in named:
        a = t.detach().float().cpu().numpy().astype("<f4")
        if cur and size + a.nbytes > max_bytes:
            chunks.append(cur)
            cur, size = [], 0
        cur.append((name, a))
        size += a.nbytes
    if cur:
        chunks.append(cur)
    files = []
    for n, chunk in enumerate(chunks):
        header, off = {}, 0
        for name, a in chunk:
            header[name] = {"dtype": "F32", "shape": list(a.shape),
                            "data_offsets": [off, off + a.nbytes]}
            off += a.nbytes
        h = json.dumps(header, separators=(",", ":")).encode()
        h += b" " * ((8 - len(h) % 8) % 8)
        path = os.path.join(out_dir, "weights-%02d.safetensors" % n)
        with open(path + ".tmp", "wb") as f:
            f.write(struct.pack("<Q", len(h)))
            f.write(h)
            for _, a in chunk:
                f.write(a.tobytes())
        os.replace(path + ".tmp", path)
        files.append(os.path.basename(path))
    return files


def load_split(data, split, device):
    items = []
    i = 0
    while "%s_%d_image" % (split, i) in data:
        img = torch.from_numpy(data["%s_%d_image" % (split, i)].astype(np.float32))
        msk = torch.from_numpy(data["%s_%d_mask" % (split, i)].astype(np.int64))
        items.append((img.to(device), msk.to(device)))
        i += 1
    return items


def class_weights(train, k, cap):
    counts = torch.zeros(k, dtype=torch.float64)
    for _, m in train:
        for c in range(k):
            counts[c] += (m == c).sum().item()
    freq = counts / counts.sum()
    w = 1.0 / (k * freq.clamp_min(1e-12))
    return torch.clamp(w, max=cap).float()


def sample_batch(train, batch, crop, gen, device, aug):
    """Random crops with rotation (D4 + small angle), flips, scale, contrast, noise."""
    xs, ys = [], []
    for _ in range(batch):
        img, msk = train[int(torch.randint(len(train), (1,), generator=gen))]
        h, w = img.shape
        r = torch.rand(8, generator=gen).tolist()
        scale = math.exp(math.log(0.8) + r[0] * (math.log(1.25) - math.log(0.8)))
        angle = int(r[1] * 4) * math.pi / 2
        if r[2] < 0.5:
            angle += (r[3] - 0.5) * math.radians(20)
        flip = -1.0 if r[4] < 0.5 else 1.0
        ca, sa = math.cos(angle), math.sin(angle)
        sx = crop / w * scale
        sy = crop / h * scale
        cx = (r[5] * 2 - 1) * max(0.0, 1 - sx)
        cy = (r[6] * 2 - 1) * max(0.0, 1 - sy)
        theta = torch.tensor([[sx * ca * flip, -sx * sa, cx],
                              [sy * sa * flip, sy * ca, cy]], dtype=torch.float32,
                             device=device).unsqueeze(0)
        grid = F.affine_grid(theta, (1, 1, crop, crop), align_corners=False)
        x = F.grid_sample(img[None, None], grid, mode="bilinear", padding_mode="reflection",
                          align_corners=False)
        y = F.grid_sample((msk + 1).float()[None, None], grid, mode="nearest",
                          padding_mode="zeros", align_corners=False)
        xs.append(x)
        ys.append(y.long() - 1)
    x = torch.cat(xs)
    y = torch.cat(ys)[:, 0]
    if aug:
        b = x.shape[0]
        u = torch.rand(b, 5, generator=gen).to(device)
        contrast = torch.exp(math.log(0.75) + u[:, 0] * (math.log(1.33) - math.log(0.75)))
        bright = (u[:, 1] * 2 - 1) * 0.1
        x = (x - 0.5) * contrast.view(-1, 1, 1, 1) + 0.5 + bright.view(-1, 1, 1, 1)
        lam = 20 + 180 * u[:, 2]
        pois = u[:, 3] < 0.3
        if pois.any():
            xp = x[pois].clamp_min(0)
            x[pois] = torch.poisson(xp * lam[pois].view(-1, 1, 1, 1)) / lam[pois].view(-1, 1, 1, 1)
        sigma = 0.04 * u[:, 4]
        noise = torch.randn(x.shape, generator=gen).to(device)
        x = x + noise * sigma.view(-1, 1, 1, 1)
    return 2 * x - 1, y


def soft_dice(logits, y, k):
    valid = (y >= 0).unsqueeze(1).float()
    p = logits.float().softmax(1) * valid
    t = F.one_hot(y.clamp_min(0), k).permute(0, 3, 1, 2).float() * valid
    inter = (p * t).sum((0, 2, 3))
    denom = p.sum((0, 2, 3)) + t.sum((0, 2, 3))
    return 1 - ((2 * inter + 1) / (denom + 1)).mean()


@torch.no_grad()
def evaluate(net, items, k, device):
    net.eval()
    cm = torch.zeros(k, k, dtype=torch.int64)
    for img, msk in items:
        h, w = img.shape
        m = 1 << net.depth
        ph, pw = (-h) % m, (-w) % m
        x = 2 * img[None, None] - 1
        if ph or pw:
            x = F.pad(x, (0, pw, 0, ph), mode="reflect")
        pred = net(x)[0, :, :h, :w].argmax(0)
        valid = msk >= 0
        idx = msk[valid] * k + pred[valid]
        cm += torch.bincount(idx, minlength=k * k).view(k, k).cpu()
    net.train()
    cmf = cm.double()
    inter = cmf.diag()
    union = cmf.sum(0) + cmf.sum(1) - inter
    iou = (inter / union.clamp_min(1)).tolist()
    return {"mIoU": float(np.mean(iou)), "perClassIoU": iou,
            "pixelAccuracy": float(inter.sum() / cmf.sum())}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--classes", default="matrix,secondary_gamma_prime,tertiary_gamma_prime")
    ap.add_argument("--base", type=int, default=32)
    ap.add_argument("--depth", type=int, default=4)
    ap.add_argument("--crop", type=int, default=256)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--minutes", type=float, default=6)
    ap.add_argument("--eval-every", type=int, default=100)
    ap.add_argument("--dice", type=float, default=1.0)
    ap.add_argument("--cap", type=float, default=10.0)
    ap.add_argument("--ema", type=float, default=0.998)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    a = ap.parse_args()
    torch.manual_seed(a.seed)
    dev = torch.device(a.device)
    cuda = dev.type == "cuda"
    if cuda:
        torch.backends.cudnn.benchmark = True
    os.makedirs(a.out, exist_ok=True)
    names = a.classes.split(",")
    k = len(names)
    data = np.load(a.data)
    index = json.load(open(a.data + ".json"))
    train = load_split(data, "train", dev)
    val = load_split(data, "val", dev)
    test = load_split(data, "test", dev)
    if not train:
        sys.exit("no training images in %s" % a.data)
    weights = class_weights(train, k, a.cap)
    net = UNet(1, k, a.base, a.depth).to(dev)
    ema = copy.deepcopy(net)
    for p in ema.parameters():
        p.requires_grad_(False)
    opt = torch.optim.AdamW(net.parameters(), lr=a.lr, weight_decay=1e-4)
    gen = torch.Generator().manual_seed(a.seed)
    budget = a.minutes * 60
    t0 = time.time()
    step, losses, history = 0, [], []
    best = (-1.0, None, None, 0)
    print("train %d val %d test %d images; class weights %s; %d parameters; device %s"
          % (len(train), len(val), len(test), [round(v, 3) for v in weights.tolist()],
             sum(p.numel() for p in net.parameters()), dev), flush=True)
    wdev = weights.to(dev)
    while True:
        progress = min(1.0, (time.time() - t0) / budget)
        lr = a.lr * (min(1.0, (step + 1) / 200) * (0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * progress))))
        for g in opt.param_groups:
            g["lr"] = lr
        x, y = sample_batch(train, a.batch, a.crop, gen, dev, True)
        with torch.autocast(device_type=dev.type, dtype=torch.bfloat16, enabled=cuda):
            logits = net(x)
        loss = F.cross_entropy(logits.float(), y, weight=wdev, ignore_index=-1)
        if a.dice > 0:
            loss = loss + a.dice * soft_dice(logits, y, k)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        step += 1
        d = min(a.ema, (1 + step) / (10 + step))
        with torch.no_grad():
            for pe, p in zip(ema.parameters(), net.parameters()):
                pe.mul_(d).add_(p.detach(), alpha=1 - d)
            for be, b in zip(ema.buffers(), net.buffers()):
                if be.dtype.is_floating_point:
                    be.mul_(d).add_(b, alpha=1 - d)
                else:
                    be.copy_(b)
        losses.append(loss.item())
        done = progress >= 1.0
        if (step % a.eval_every == 0 or done) and not val:
            history.append({"evaluation": len(history) + 1, "step": step, "weights": "none",
                            "meanLoss": float(np.mean(losses)), "validationMIoU": None,
                            "seconds": time.time() - t0, "lr": lr})
            print("step %d  %.0fs  loss %.4f  (no validation split: the final EMA weights are kept)"
                  % (step, time.time() - t0, np.mean(losses)), flush=True)
            losses = []
        elif step % a.eval_every == 0 or done:
            for which, model in (("raw", net), ("ema", ema)):
                s = evaluate(model, val, k, dev)
                history.append({"evaluation": len(history) + 1, "step": step, "weights": which,
                                "meanLoss": float(np.mean(losses)),
                                "validationMIoU": s["mIoU"], "perClassIoU": s["perClassIoU"],
                                "seconds": time.time() - t0, "lr": lr})
                if s["mIoU"] > best[0]:
                    best = (s["mIoU"], copy.deepcopy(model.state_dict()), s, len(history))
            print("step %d  %.0fs  loss %.4f  val mIoU raw %.4f ema %.4f (last class %.3f)  best %.4f"
                  % (step, time.time() - t0, np.mean(losses), history[-2]["validationMIoU"],
                     history[-1]["validationMIoU"], history[-1]["perClassIoU"][-1], best[0]),
                  flush=True)
            losses = []
        if done:
            break
    seconds = time.time() - t0
    if not val:
        best = (None, ema.state_dict(), {}, len(history))
        history[-1]["weights"] = "ema"
    net.load_state_dict(best[1])
    test_scores = evaluate(net, test, k, dev) if test else None
    files = write_safetensors(djl_parameters(net), a.out)
    log = {
        "architecture": {"inChannels": 1, "numClasses": k, "baseChannels": a.base,
                         "depth": a.depth},
        "classNames": names,
        "training": {"crop": a.crop, "batch": a.batch, "lr": a.lr, "seed": a.seed,
                     "steps": step, "evaluations": len(history),
                     "stepsPerEvaluation": a.eval_every, "maxClassWeight": a.cap,
                     "maxSeconds": budget, "diceWeight": a.dice, "emaDecay": a.ema,
                     "optimizer": "AdamW wd 1e-4, 200-step warm-up, half-cosine over the budget",
                     "augmentation": "D4 + 50% +-10 deg rotation, flip, scale 0.8-1.25, "
                                     "contrast 0.75-1.33, brightness +-0.1, Poisson p=0.3 "
                                     "(20-200 counts), Gaussian sigma <= 0.04"},
        "classWeights": weights.tolist(),
        "data": [d for d in index["items"] if d["split"] in ("train", "val")],
        "history": history,
        "bestEvaluation": best[3],
        "bestWeights": history[best[3] - 1]["weights"],
        "validation": best[2],
        "pythonTest": test_scores,
        "engine": "PyTorch %s%s" % (torch.__version__, (" CUDA %s on %s" % (
            torch.version.cuda, torch.cuda.get_device_name(0))) if cuda else " CPU"),
        "trainingSeconds": seconds,
        "weightFiles": files,
    }
    with open(os.path.join(a.out, "train-log.json"), "w") as f:
        json.dump(log, f, indent=1)
    print("best val mIoU %s (evaluation %d, %s weights); test mIoU (python) %s; %d steps in %.0f s"
          % (best[0] if best[0] is None else round(best[0], 4), best[3], log["bestWeights"],
             None if test_scores is None else round(test_scores["mIoU"], 4), step, seconds),
          flush=True)


if __name__ == "__main__":
    main()
