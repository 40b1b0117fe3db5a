package org.resnetlab.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Arrays;

/** Turns the command line's {@code cpu | gpu | gpu:0,1} into DJL devices of an engine. */
public final class DeviceChoice {
    private DeviceChoice() {}

    public static Device[] parse(String spec, Engine engine) {
        String s = spec == null ? "cpu" : spec.trim().toLowerCase();
        if (s.equals("cpu")) {
            return new Device[] {Device.cpu()};
        }
        int gpus = engine.getGpuCount();
        if (s.equals("gpu")) {
            if (gpus == 0) {
                throw new IllegalArgumentException("--devices gpu: the " + engine.getEngineName()
                        + " engine sees no GPU; use --devices cpu");
            }
            return engine.getDevices(gpus);
        }
        if (s.startsWith("gpu:")) {
            Device[] devices = Arrays.stream(s.substring(4).split(",")).map(String::trim).mapToInt(Integer::parseInt)
                    .mapToObj(i -> {
                        if (i < 0 || i >= gpus) {
                            throw new IllegalArgumentException("--devices " + spec + ": GPU " + i + " does not exist ("
                                    + engine.getEngineName() + " sees " + gpus + ")");
                        }
                        return Device.gpu(i);
                    }).toArray(Device[]::new);
            if (devices.length == 0) {
                throw new IllegalArgumentException("--devices " + spec + " names no GPU");
            }
            return devices;
        }
        throw new IllegalArgumentException("--devices " + spec + ": expected cpu, gpu or gpu:0,1");
    }
}
