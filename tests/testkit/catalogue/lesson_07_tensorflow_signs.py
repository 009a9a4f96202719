from testkit.catalogue import Mutant

WRONG = {
    "linear_function": {
        "draws W before X": """
def linear_function():
    np.random.seed(1)
    W = tf.constant(np.random.randn(4, 3))
    X = tf.constant(np.random.randn(3, 1))
    b = tf.constant(np.random.randn(4, 1))
    return tf.matmul(W, X) + b
""",
        "forgets to add b": Mutant("return tf.add(tf.matmul(W, X), b)", "return tf.matmul(W, X)"),
        "subtracts b instead of adding it": Mutant("tf.add(tf.matmul(W, X), b)", "tf.subtract(tf.matmul(W, X), b)"),
        "multiplies elementwise (W * X broadcasts to (4, 3))": Mutant("tf.matmul(W, X)", "W * tf.transpose(X)"),
        "returns a numpy array": """
def linear_function():
    np.random.seed(1)
    X = np.random.randn(3, 1)
    W = np.random.randn(4, 3)
    b = np.random.randn(4, 1)
    return W @ X + b
""",
        "does not seed inside the function": Mutant("    np.random.seed(1)\n", ""),
    },
    "sigmoid": {
        "no cast: fails on integers": Mutant("    z = tf.cast(z, tf.float32)\n", ""),
        "no cast: a float64 tensor stays float64": Mutant(
            "    z = tf.cast(z, tf.float32)\n",
            "    z = tf.convert_to_tensor(z, dtype_hint=tf.float32)\n"
            "    z = tf.cast(z, tf.float32) if z.dtype.is_integer else z\n",
        ),
        "the sign of z flipped": Mutant("return tf.keras.activations.sigmoid(z)", "return 1 / (1 + tf.exp(z))"),
        "tanh instead of the sigmoid": Mutant("return tf.keras.activations.sigmoid(z)", "return tf.math.tanh(z)"),
        "returns a numpy value": Mutant(
            "return tf.keras.activations.sigmoid(z)", "return tf.keras.activations.sigmoid(z).numpy()"
        ),
        "casts to float64": Mutant("tf.cast(z, tf.float32)", "tf.cast(z, tf.float64)"),
    },
    "ones": {
        "numpy ones (float64 array)": Mutant("return tf.ones(shape, dtype=tf.float32)", "return np.ones(shape)"),
        "integer ones": Mutant("dtype=tf.float32", "dtype=tf.int32"),
        "fills with zeros": Mutant(
            "return tf.ones(shape, dtype=tf.float32)", "return tf.zeros(shape, dtype=tf.float32)"
        ),
        "tf.ones_like(shape): ones shaped like the tuple": Mutant(
            "return tf.ones(shape, dtype=tf.float32)", "return tf.ones_like(shape, dtype=tf.float32)"
        ),
        "converted from numpy, float64": Mutant(
            "return tf.ones(shape, dtype=tf.float32)", "return tf.constant(np.ones(shape))"
        ),
    },
    "minimize_quadratic": {
        "adds the gradient": Mutant("w.assign_sub(", "w.assign_add("),
        "starts from w = 1": Mutant("tf.Variable(0.0, dtype=tf.float32)", "tf.Variable(1.0, dtype=tf.float32)"),
        "coefficients in the opposite order": Mutant(
            "J = c[0] * w ** 2 + c[1] * w + c[2]", "J = c[2] * w ** 2 + c[1] * w + c[0]"
        ),
        "one step too few": Mutant("for _ in range(steps):", "for _ in range(steps - 1):"),
        "one step too many": Mutant("for _ in range(steps):", "for _ in range(steps + 1):"),
        "ignores steps (always 1000)": Mutant("for _ in range(steps):", "for _ in range(1000):"),
        "ignores learning_rate": Mutant("w.assign_sub(learning_rate *", "w.assign_sub(0.01 *"),
        "returns the tf.Variable": Mutant("return float(w.numpy())", "return w"),
        "other defaults than the contract's": Mutant(
            "learning_rate=0.01, steps=1000):", "learning_rate=0.1, steps=100):"
        ),
        "Adam instead of plain gradient descent": """
def minimize_quadratic(coefficients, learning_rate=0.01, steps=1000):
    c = tf.constant(coefficients, dtype=tf.float32)
    w = tf.Variable(0.0)
    optimizer = tf.keras.optimizers.Adam(learning_rate)
    for _ in range(steps):
        with tf.GradientTape() as tape:
            J = c[0] * w ** 2 + c[1] * w + c[2]
        optimizer.apply_gradients([(tape.gradient(J, w), w)])
    return float(w.numpy())
""",
    },
    "normalize": {
        "forgets to divide by 255": Mutant("tf.cast(image, tf.float32) / 255.0", "tf.cast(image, tf.float32)"),
        "divides by 256": Mutant("/ 255.0", "/ 256.0"),
        "transposes before flattening": Mutant(
            "return tf.reshape(image, [-1])", "return tf.reshape(tf.transpose(image), [-1])"
        ),
        "a column (12288, 1) instead of a vector": Mutant("tf.reshape(image, [-1])", "tf.reshape(image, [-1, 1])"),
        "divides before casting (integer division)": """
def normalize(image):
    image = tf.cast(tf.convert_to_tensor(image) // 255, tf.float32)
    return tf.reshape(image, [-1])
""",
        "min-max scaling by the image's own range": """
def normalize(image):
    image = tf.cast(image, tf.float32)
    image = (image - tf.reduce_min(image)) / (tf.reduce_max(image) - tf.reduce_min(image))
    return tf.reshape(image, [-1])
""",
        "keeps float64 (numpy conversion)": """
def normalize(image):
    return tf.constant(np.asarray(image).reshape(-1) / 255.0)
""",
    },
    "one_hot_matrix": {
        "no reshape: (1, C) for a label of shape (1,)": Mutant(
            "return tf.reshape(tf.one_hot(label, C, axis=0), (C,))", "return tf.one_hot(label, C)"
        ),
        "axis=0 without reshape: (C, 1) for a label of shape (1,)": Mutant(
            "return tf.reshape(tf.one_hot(label, C, axis=0), (C,))", "return tf.one_hot(label, C, axis=0)"
        ),
        "depth fixed at 6": Mutant("tf.one_hot(label, C, axis=0), (C,)", "tf.one_hot(label, 6, axis=0), (6,)"),
        "1 at position label - 1": Mutant("tf.one_hot(label, C, axis=0)", "tf.one_hot(label - 1, C, axis=0)"),
        "1 at position label + 1": Mutant("tf.one_hot(label, C, axis=0)", "tf.one_hot(label + 1, C, axis=0)"),
        "integer one-hot": Mutant("tf.one_hot(label, C, axis=0)", "tf.one_hot(label, C, axis=0, dtype=tf.int32)"),
    },
    "initialize_parameters": {
        "He normal with Keras's fans (std sqrt(2 / 25) for W1)": Mutant("GlorotNormal", "HeNormal"),
        "He initialisation, std sqrt(2 / n_in), made for ReLU layers (Glorot's variance is 2 / (n_in + n_out))": """
def initialize_parameters(seed=1):
    sizes = [12288, 25, 12, 6]
    tf.random.set_seed(seed)
    parameters = {}
    for l in range(1, 4):
        std = np.sqrt(2 / sizes[l - 1])
        parameters[f"W{l}"] = tf.Variable(tf.random.normal((sizes[l], sizes[l - 1]), stddev=std))
        parameters[f"b{l}"] = tf.Variable(tf.zeros((sizes[l], 1)))
    return parameters
""",
        "uniform on [-std, std] with the Glorot std": """
def initialize_parameters(seed=1):
    sizes = [12288, 25, 12, 6]
    tf.random.set_seed(seed)
    parameters = {}
    for l in range(1, 4):
        std = np.sqrt(2 / (sizes[l] + sizes[l - 1]))
        parameters[f"W{l}"] = tf.Variable(tf.random.uniform((sizes[l], sizes[l - 1]), -std, std))
        parameters[f"b{l}"] = tf.Variable(tf.zeros((sizes[l], 1)))
    return parameters
""",
        "transposed weight shapes": Mutant(
            "glorot(shape=(sizes[l], sizes[l - 1]))", "glorot(shape=(sizes[l - 1], sizes[l]))"
        ),
        "zero weights: every unit of a layer computes the same thing and gets the same gradient, forever": Mutant(
            'tf.Variable(glorot(shape=(sizes[l], sizes[l - 1])), name=f"W{l}")',
            'tf.Variable(tf.zeros((sizes[l], sizes[l - 1])), name=f"W{l}")',
        ),
        "float64 weights": Mutant(
            "glorot(shape=(sizes[l], sizes[l - 1]))", "glorot(shape=(sizes[l], sizes[l - 1]), dtype=tf.float64)"
        ),
        "tensors, not variables": Mutant(
            'tf.Variable(glorot(shape=(sizes[l], sizes[l - 1])), name=f"W{l}")',
            "glorot(shape=(sizes[l], sizes[l - 1]))",
        ),
        "biases shaped (n,)": Mutant("tf.zeros((sizes[l], 1))", "tf.zeros((sizes[l],))"),
        "ignores the seed": Mutant("GlorotNormal(seed=seed + l)", "GlorotNormal()"),
    },
    "forward_propagation": {
        "X @ W order": """
def forward_propagation(X, parameters):
    A = tf.transpose(X)
    A = tf.nn.relu(A @ parameters["W1"] + parameters["b1"])
    A = tf.nn.relu(A @ parameters["W2"] + parameters["b2"])
    return A @ parameters["W3"] + parameters["b3"]
""",
        "no ReLUs": """
def forward_propagation(X, parameters):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    Z2 = parameters["W2"] @ Z1 + parameters["b2"]
    return parameters["W3"] @ Z2 + parameters["b3"]
""",
        "ReLU on the last layer too": Mutant("    return Z3", "    return tf.nn.relu(Z3)"),
        "forgets the biases": """
def forward_propagation(X, parameters):
    A1 = tf.nn.relu(parameters["W1"] @ X)
    A2 = tf.nn.relu(parameters["W2"] @ A1)
    return parameters["W3"] @ A2
""",
        "sigmoid instead of ReLU": """
def forward_propagation(X, parameters):
    A1 = tf.sigmoid(parameters["W1"] @ X + parameters["b1"])
    A2 = tf.sigmoid(parameters["W2"] @ A1 + parameters["b2"])
    return parameters["W3"] @ A2 + parameters["b3"]
""",
        "softmax at the output": Mutant("    return Z3", "    return tf.nn.softmax(Z3, axis=0)"),
        "ReLU on the first layer only": Mutant("A2 = tf.keras.activations.relu(Z2)", "A2 = Z2"),
    },
    "compute_total_loss": {
        "forgets to transpose: Keras takes one example per row, so the softmax runs over the wrong axis": Mutant(
            "categorical_crossentropy(tf.transpose(labels), tf.transpose(logits),",
            "categorical_crossentropy(labels, logits,",
        ),
        "reduce_mean instead of the sum": Mutant(
            "return tf.reduce_sum(per_example)", "return tf.reduce_mean(per_example)"
        ),
        "from_logits=False: the logits are taken for probabilities": Mutant("from_logits=True", "from_logits=False"),
        "a softmax before a loss told from_logits=True (softmax twice)": Mutant(
            "tf.transpose(logits),", "tf.nn.softmax(tf.transpose(logits)),"
        ),
        "naive log of the softmax (overflows for large logits)": """
def compute_total_loss(logits, labels):
    probabilities = tf.exp(logits) / tf.reduce_sum(tf.exp(logits), axis=0, keepdims=True)
    return -tf.reduce_sum(labels * tf.math.log(probabilities))
""",
        "binary cross-entropy instead of the categorical one": Mutant(
            "categorical_crossentropy(", "binary_crossentropy("
        ),
        "softmax over the wrong axis (rows)": """
def compute_total_loss(logits, labels):
    return -tf.reduce_sum(labels * tf.nn.log_softmax(logits, axis=1))
""",
    },
    "build_keras_model": {
        "softmax on the last layer": Mutant(
            "tf.keras.layers.Dense(6),", 'tf.keras.layers.Dense(6, activation="softmax"),'
        ),
        "from_logits=False (the string loss)": Mutant(
            "loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)",
            'loss="sparse_categorical_crossentropy"',
        ),
        "ignores learning_rate": Mutant("Adam(learning_rate=learning_rate)", "Adam()"),
        "SGD instead of Adam": Mutant(
            "tf.keras.optimizers.Adam(learning_rate=learning_rate)",
            "tf.keras.optimizers.SGD(learning_rate=learning_rate)",
        ),
        "no ReLU in the hidden layers": Mutant('activation="relu"', "activation=None"),
        "not compiled": """
def build_keras_model(learning_rate=1e-3):
    return tf.keras.Sequential([tf.keras.Input(shape=(12288,)), tf.keras.layers.Dense(25, activation="relu"),
                                tf.keras.layers.Dense(12, activation="relu"), tf.keras.layers.Dense(6)])
""",
        "CategoricalCrossentropy with integer labels": Mutant(
            "SparseCategoricalCrossentropy(from_logits=True)", "CategoricalCrossentropy(from_logits=True)"
        ),
        "no accuracy metric": Mutant('metrics=["accuracy"]', "metrics=[]"),
        "layers of the wrong width": Mutant('Dense(12, activation="relu")', 'Dense(24, activation="relu")'),
    },
    "relu": {
        "np.maximum on a tf.Tensor: a numpy array comes back": """
def relu(Z):
    return np.maximum(Z, 0)
""",
        "tf.maximum on a numpy array: a tf.Tensor comes back": """
def relu(Z):
    return tf.maximum(Z, 0)
""",
        "np.max (the largest entry along an axis) instead of np.maximum": Mutant("np.maximum(Z, 0)", "np.max(Z, 0)"),
        "|Z| instead of max(0, Z)": Mutant("np.maximum(Z, 0)", "np.abs(Z)"),
        "a leaky ReLU (0.01 Z for Z < 0)": Mutant("np.maximum(Z, 0)", "np.maximum(Z, 0.01 * Z)"),
        "in place: Z[Z < 0] = 0 changes the input": Mutant(
            "    return np.maximum(Z, 0)\n", "    Z[Z < 0] = 0\n    return Z\n"
        ),
        "compared with np.zeros(Z.shape), float64: a float32 input comes back float64": Mutant(
            "np.maximum(Z, 0)", "np.maximum(Z, np.zeros(Z.shape))"
        ),
        "min instead of max": Mutant("np.maximum(Z, 0)", "np.minimum(Z, 0)"),
    },
    "relu_prime": {
        "1 at Z = 0 (Z >= 0)": Mutant("Z > 0", "Z >= 0"),
        "returns the booleans of the comparison": Mutant("return (Z > 0).astype(Z.dtype)", "return Z > 0"),
        "float64 for a float32 input (astype(float))": Mutant("(Z > 0).astype(Z.dtype)", "(Z > 0).astype(float)"),
        "a boolean tensor for a tf.Tensor": Mutant("tf.cast(Z > 0, Z.dtype)", "Z > 0"),
        "numpy on a tf.Tensor: a numpy array comes back": """
def relu_prime(Z):
    Z = np.asarray(Z)
    return (Z > 0).astype(Z.dtype)
""",
        "the sign of Z (-1 for Z < 0)": Mutant("return (Z > 0).astype(Z.dtype)", "return np.sign(Z)"),
        "ReLU itself instead of its derivative": Mutant("return (Z > 0).astype(Z.dtype)", "return np.maximum(Z, 0)"),
        "the leaky ReLU's derivative (0.01 for Z <= 0)": Mutant(
            "return (Z > 0).astype(Z.dtype)", "return np.where(Z > 0, 1.0, 0.01).astype(Z.dtype)"
        ),
        "in place: writes 1 and 0 into Z": Mutant(
            "    return (Z > 0).astype(Z.dtype)\n",
            "    positive = Z > 0\n    Z[positive] = 1\n    Z[~positive] = 0\n    return Z\n",
        ),
    },
    "compute_binary_loss": {
        "a sigmoid before a loss that expects logits (sigmoid twice)": Mutant(
            "logits=logits", "logits=tf.sigmoid(logits)"
        ),
        "from_logits=False: the logits taken for probabilities": """
def compute_binary_loss(logits, labels):
    return tf.reduce_mean(tf.keras.losses.binary_crossentropy(labels, logits))
""",
        "the sum instead of the mean": Mutant("tf.reduce_mean(per_entry)", "tf.reduce_sum(per_entry)"),
        "the mean over one axis only (a vector)": Mutant(
            "tf.reduce_mean(per_entry)", "tf.reduce_mean(per_entry, axis=0)"
        ),
        "summed over the outputs, averaged over the examples": Mutant(
            "tf.reduce_mean(per_entry)", "tf.reduce_mean(tf.reduce_sum(per_entry, axis=0))"
        ),
        "labels and logits swapped": Mutant("labels=labels, logits=logits", "labels=logits, logits=labels"),
        "labels and logits swapped in Keras's loss (labels come first)": """
def compute_binary_loss(logits, labels):
    return tf.reduce_mean(tf.keras.losses.binary_crossentropy(logits, labels, from_logits=True))
""",
        "the softmax cross-entropy over the outputs instead": """
def compute_binary_loss(logits, labels):
    return tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits, axis=0))
""",
        "the log of the sigmoid written out (log 0 for large logits)": """
def compute_binary_loss(logits, labels):
    a = tf.sigmoid(logits)
    return -tf.reduce_mean(labels * tf.math.log(a) + (1 - labels) * tf.math.log(1 - a))
""",
        "returns a numpy number": Mutant(
            "return tf.reduce_mean(per_entry)", "return tf.reduce_mean(per_entry).numpy()"
        ),
    },
}
CORRECT = {
    "linear_function": {
        "the @ and + operators on tf.constant": """
def linear_function():
    np.random.seed(1)
    X, W, b = (tf.constant(np.random.randn(*shape)) for shape in [(3, 1), (4, 3), (4, 1)])
    return W @ X + b
""",
        "float32 tensors": """
def linear_function():
    np.random.seed(1)
    X = tf.constant(np.random.randn(3, 1), dtype=tf.float32)
    W = tf.constant(np.random.randn(4, 3), dtype=tf.float32)
    b = tf.constant(np.random.randn(4, 1), dtype=tf.float32)
    return tf.add(tf.matmul(W, X), b)
""",
    },
    "sigmoid": {
        "tf.math.sigmoid after tf.cast": """
def sigmoid(z):
    return tf.math.sigmoid(tf.cast(z, tf.float32))
""",
        "the formula with tf.exp": """
def sigmoid(z):
    z = tf.cast(tf.convert_to_tensor(z), tf.float32)
    return 1.0 / (1.0 + tf.exp(-z))
""",
    },
    "ones": {
        "tf.fill": """
def ones(shape):
    return tf.fill(shape, 1.0)
""",
        "tf.ones with the default dtype": """
def ones(shape):
    return tf.ones(shape)
""",
        "tf.constant with a shape": """
def ones(shape):
    return tf.constant(1.0, shape=shape, dtype=tf.float32)
""",
    },
    "minimize_quadratic": {
        "a Keras SGD optimiser": """
def minimize_quadratic(coefficients, learning_rate=0.01, steps=1000):
    c0, c1, c2 = [float(c) for c in coefficients]
    w = tf.Variable(0.0)
    optimizer = tf.keras.optimizers.SGD(learning_rate)
    for _ in range(steps):
        with tf.GradientTape() as tape:
            cost = c0 * w * w + c1 * w + c2
        optimizer.apply_gradients([(tape.gradient(cost, [w])[0], w)])
    return w.numpy().item()
""",
        "float64 throughout, the step inside a tf.function": """
def minimize_quadratic(coefficients, learning_rate=0.01, steps=1000):
    c = tf.constant(np.asarray(coefficients, dtype=np.float64))
    w = tf.Variable(tf.constant(0.0, tf.float64))

    @tf.function(autograph=False)   # no Python control flow inside: nothing to convert
    def step():
        with tf.GradientTape() as tape:
            J = tf.tensordot(c, tf.stack([w * w, w, tf.ones_like(w)]), axes=1)
        w.assign(w - learning_rate * tape.gradient(J, w))

    for _ in range(steps):
        step()
    return float(w)
""",
    },
    "normalize": {
        "tf.image.convert_image_dtype and a known size": """
def normalize(image):
    image = tf.image.convert_image_dtype(tf.convert_to_tensor(image), tf.float32)
    return tf.reshape(image, (64 * 64 * 3,))
""",
        "true division of the uint8 tensor, then a cast": """
def normalize(image):
    image = tf.convert_to_tensor(image)
    return tf.cast(tf.reshape(image / 255, [-1]), tf.float32)
""",
    },
    "one_hot_matrix": {
        "a comparison with tf.range": """
def one_hot_matrix(label, C=6):
    label = tf.reshape(tf.cast(label, tf.int32), [])
    return tf.cast(tf.equal(tf.range(C), label), tf.float32)
""",
        "tf.one_hot on the flattened label": """
def one_hot_matrix(label, C=6):
    return tf.one_hot(tf.reshape(label, [-1]), depth=C)[0]
""",
    },
    "initialize_parameters": {
        "Glorot uniform (Keras's GlorotUniform: the same variance, uniformly drawn)": Mutant(
            "GlorotNormal", "GlorotUniform"
        ),
        "Glorot uniform by hand, on [-sqrt(6 / (n_in + n_out)), +sqrt(6 / (n_in + n_out))]": """
def initialize_parameters(seed=1):
    rng = np.random.default_rng(seed)
    parameters = {}
    for l, (n_out, n_in) in enumerate([(25, 12288), (12, 25), (6, 12)], start=1):
        limit = np.sqrt(6 / (n_in + n_out))   # the variance of U(-r, r) is r^2 / 3 = 2 / (n_in + n_out)
        parameters[f"W{l}"] = tf.Variable(rng.uniform(-limit, limit, (n_out, n_in)).astype(np.float32))
        parameters[f"b{l}"] = tf.Variable(tf.zeros((n_out, 1)))
    return parameters
""",
        "tf.random.normal with the Glorot std (not truncated)": """
def initialize_parameters(seed=1):
    sizes = [12288, 25, 12, 6]
    generator = tf.random.Generator.from_seed(seed)
    parameters = {}
    for l in range(1, 4):
        std = np.sqrt(2 / (sizes[l - 1] + sizes[l]))
        parameters["W" + str(l)] = tf.Variable(generator.normal((sizes[l], sizes[l - 1]), stddev=std))
        parameters["b" + str(l)] = tf.Variable(tf.zeros((sizes[l], 1)))
    return parameters
""",
        "one GlorotNormal initialiser for every layer, as in the DLS assignment": """
def initialize_parameters(seed=1):
    initializer = tf.keras.initializers.GlorotNormal(seed=seed)
    W1 = tf.Variable(initializer(shape=(25, 12288)))
    b1 = tf.Variable(initializer(shape=(25, 1)) * 0)
    W2 = tf.Variable(initializer(shape=(12, 25)))
    b2 = tf.Variable(tf.zeros((12, 1)))
    W3 = tf.Variable(initializer(shape=(6, 12)))
    b3 = tf.Variable(tf.zeros((6, 1)))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2, "W3": W3, "b3": b3}
""",
        "numpy draws, truncated normal without rescaling": """
def initialize_parameters(seed=1):
    rng = np.random.default_rng(seed)
    sizes = [12288, 25, 12, 6]
    parameters = {}
    for l in range(1, 4):
        std = np.sqrt(2 / (sizes[l - 1] + sizes[l]))
        W = rng.standard_normal((sizes[l], sizes[l - 1]))
        while np.any(np.abs(W) > 2):
            bad = np.abs(W) > 2
            W[bad] = rng.standard_normal(int(bad.sum()))
        parameters[f"W{l}"] = tf.Variable((std * W).astype(np.float32))
        parameters[f"b{l}"] = tf.Variable(np.zeros((sizes[l], 1), dtype=np.float32))
    return parameters
""",
    },
    "forward_propagation": {
        "a loop over the three layers with tf.nn.relu": """
def forward_propagation(X, parameters):
    A = X
    for l in (1, 2, 3):
        Z = parameters[f"W{l}"] @ A + parameters[f"b{l}"]
        A = tf.nn.relu(Z) if l < 3 else Z
    return A
""",
        "rows as examples inside, transposed back": """
def forward_propagation(X, parameters):
    A = tf.transpose(X)
    for l in (1, 2, 3):
        A = tf.matmul(A, parameters[f"W{l}"], transpose_b=True) + tf.transpose(parameters[f"b{l}"])
        if l < 3:
            A = tf.maximum(A, 0.0)
    return tf.transpose(A)
""",
    },
    "compute_total_loss": {
        "tf.nn.softmax_cross_entropy_with_logits along axis 0": """
def compute_total_loss(logits, labels):
    return tf.reduce_sum(tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits, axis=0))
""",
        "log-softmax by hand with tf.reduce_logsumexp": """
def compute_total_loss(logits, labels):
    log_probabilities = logits - tf.reduce_logsumexp(logits, axis=0, keepdims=True)
    return -tf.reduce_sum(labels * log_probabilities)
""",
        "the Keras loss object with reduction 'sum'": """
def compute_total_loss(logits, labels):
    loss = tf.keras.losses.CategoricalCrossentropy(from_logits=True, reduction="sum")
    return loss(tf.transpose(labels), tf.transpose(logits))
""",
    },
    "build_keras_model": {
        "layers added one by one, activations as layers": """
def build_keras_model(learning_rate=1e-3):
    model = tf.keras.Sequential()
    model.add(tf.keras.Input(shape=(12288,)))
    model.add(tf.keras.layers.Dense(25))
    model.add(tf.keras.layers.ReLU())
    model.add(tf.keras.layers.Dense(12))
    model.add(tf.keras.layers.Activation("relu"))
    model.add(tf.keras.layers.Dense(6, activation="linear"))
    model.compile(tf.keras.optimizers.Adam(learning_rate),
                  tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=[tf.keras.metrics.SparseCategoricalAccuracy()])
    return model
""",
        "tf.nn.relu as the activation, keyword learning rate": """
def build_keras_model(learning_rate=0.001):
    layers = [tf.keras.layers.Dense(n, activation=tf.nn.relu) for n in (25, 12)] + [tf.keras.layers.Dense(6)]
    model = tf.keras.Sequential([tf.keras.layers.InputLayer(shape=(12288,))] + layers)
    model.compile(loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  optimizer=tf.keras.optimizers.Adam(learning_rate=learning_rate), metrics=["accuracy"])
    return model
""",
    },
    "relu": {
        "tf.maximum and np.where": """
def relu(Z):
    if tf.is_tensor(Z):
        return tf.maximum(Z, 0.0)
    return np.where(Z > 0, Z, 0).astype(Z.dtype)
""",
        "a copy with its negative entries set to 0, or tf.keras.activations.relu": """
def relu(Z):
    if isinstance(Z, np.ndarray):
        A = Z.copy()
        A[A < 0] = 0
        return A
    return tf.keras.activations.relu(Z)
""",
        "Z times a 0/1 mask of its own dtype": """
def relu(Z):
    if tf.is_tensor(Z):
        return Z * tf.cast(Z > 0, Z.dtype)
    return Z * (Z > 0)
""",
    },
    "relu_prime": {
        "np.heaviside with 0 at 0, and tf.where": """
def relu_prime(Z):
    if tf.is_tensor(Z):
        return tf.where(Z > 0, tf.ones_like(Z), tf.zeros_like(Z))
    return np.heaviside(Z, 0).astype(Z.dtype)
""",
        "TensorFlow's gradient of tf.nn.relu, by a GradientTape": """
def relu_prime(Z):
    Z_tensor = tf.convert_to_tensor(Z)
    with tf.GradientTape() as tape:
        tape.watch(Z_tensor)
        A = tf.nn.relu(Z_tensor)
    slope = tape.gradient(A, Z_tensor)
    return slope if tf.is_tensor(Z) else slope.numpy()
""",
        "np.where and a cast of the comparison": """
def relu_prime(Z):
    if not tf.is_tensor(Z):
        return np.where(Z > 0, np.ones_like(Z), np.zeros_like(Z))
    return tf.cast(tf.math.greater(Z, 0), dtype=Z.dtype)
""",
    },
    "compute_binary_loss": {
        "the stable formula written out": """
def compute_binary_loss(logits, labels):
    z = tf.convert_to_tensor(logits)
    y = tf.cast(labels, z.dtype)
    return tf.reduce_mean(tf.maximum(z, 0) - z * y + tf.math.log1p(tf.exp(-tf.abs(z))))
""",
        "Keras's BinaryCrossentropy told it receives logits": """
def compute_binary_loss(logits, labels):
    return tf.keras.losses.BinaryCrossentropy(from_logits=True)(labels, logits)
""",
        "Keras's per-example binary_crossentropy, then reduce_mean (as in the assignment)": """
def compute_binary_loss(logits, labels):
    return tf.reduce_mean(tf.keras.losses.binary_crossentropy(y_true=labels, y_pred=logits, from_logits=True))
""",
        "tf.math.log_sigmoid of z and of -z": """
def compute_binary_loss(logits, labels):
    log_p, log_q = tf.math.log_sigmoid(logits), tf.math.log_sigmoid(-logits)
    return -tf.reduce_mean(labels * log_p + (1.0 - labels) * log_q)
""",
    },
}
